"""Mails to applicants while their application is under way: received, in review, changes requested."""

from __future__ import annotations

from grants.mails.catalogue import MailKind, Template

APPLICATION_PAGE = "/applications/{reference}"
SAMPLE = {"reference": "KIP-2026-0007", "title": "Deutsch im Quartier", "date": "12.03.2026", "message": ""}

MAILS = (
    MailKind(
        kind="RECEIVED",
        sent_by="submitApplication (first submission and resubmission)",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Eingangsbestätigung {reference}",
                body="Ihr Gesuch {reference} «{title}» ist am {date} eingegangen. "
                "Wir melden uns, sobald es beurteilt ist.",
                action="Gesuch im Portal ansehen",
            ),
            "fr": Template(
                subject="Accusé de réception {reference}",
                body="Votre demande {reference} « {title} » nous est parvenue le {date}. "
                "Nous reviendrons vers vous dès qu'elle aura été examinée.",
                action="Voir la demande sur le portail",
            ),
            "it": Template(
                subject="Conferma di ricezione {reference}",
                body="La sua domanda {reference} «{title}» è pervenuta il {date}. "
                "La contatteremo non appena sarà stata esaminata.",
                action="Vedere la domanda sul portale",
            ),
            "en": Template(
                subject="Receipt of your application {reference}",
                body="Your application {reference} “{title}” was received on {date}. "
                "We will be in touch as soon as it has been assessed.",
                action="View the application on the portal",
            ),
        },
    ),
    MailKind(
        kind="REVIEW_STARTED",
        sent_by="startReview",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Ihr Gesuch {reference} wird beurteilt",
                body="Ihr Gesuch {reference} «{title}» wird seit dem {date} beurteilt. "
                "Wir melden uns mit dem Entscheid.",
                action="Gesuch im Portal ansehen",
            ),
            "fr": Template(
                subject="Votre demande {reference} est en cours d'examen",
                body="Votre demande {reference} « {title} » est en cours d'examen depuis le {date}. "
                "Nous vous communiquerons notre décision.",
                action="Voir la demande sur le portail",
            ),
            "it": Template(
                subject="La sua domanda {reference} è in esame",
                body="La sua domanda {reference} «{title}» è in esame dal {date}. "
                "Le comunicheremo la decisione.",
                action="Vedere la domanda sul portale",
            ),
            "en": Template(
                subject="Your application {reference} is being assessed",
                body="Your application {reference} “{title}” has been under assessment since {date}. "
                "We will let you know our decision.",
                action="View the application on the portal",
            ),
        },
    ),
    MailKind(
        kind="CHANGES_REQUESTED",
        sent_by="requestChanges",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample={**SAMPLE, "message": "Bitte präzisieren Sie das Budget für die Kinderbetreuung."},
        templates={
            "de": Template(
                subject="Änderungen verlangt: {reference}",
                body="Zu Ihrem Gesuch {reference} «{title}» bitten wir um folgende Änderungen:"
                "\n\n{message}\n\n"
                "Sie können das Gesuch überarbeiten und erneut einreichen.",
                action="Gesuch im Portal überarbeiten",
            ),
            "fr": Template(
                subject="Modifications demandées : {reference}",
                body="Concernant votre demande {reference} « {title} », nous vous prions "
                "d'apporter les modifications suivantes :\n\n{message}\n\n"
                "Vous pouvez remanier la demande et la soumettre à nouveau.",
                action="Remanier la demande sur le portail",
            ),
            "it": Template(
                subject="Modifiche richieste: {reference}",
                body="In merito alla sua domanda {reference} «{title}» le chiediamo di apportare "
                "le seguenti modifiche:\n\n{message}\n\n"
                "Può rielaborare la domanda e inoltrarla di nuovo.",
                action="Rielaborare la domanda sul portale",
            ),
            "en": Template(
                subject="Changes requested: {reference}",
                body="Regarding your application {reference} “{title}”, we ask you to make the "
                "following changes:\n\n{message}\n\nYou can revise the application and submit it again.",
                action="Revise the application on the portal",
            ),
        },
    ),
)
