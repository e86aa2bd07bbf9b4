"""Mails to applicants with the approver's decision: approved (with the amount) or rejected."""

from __future__ import annotations

from grants.mails.catalogue import MailKind, Template

APPLICATION_PAGE = "/applications/{reference}"
SAMPLE = {"reference": "KIP-2026-0007", "title": "Deutsch im Quartier", "date": "12.03.2026"}


def _letter_link(language: str, public_url: str) -> dict[str, str]:
    """The sample's link to its decision letter, on the portal the preview is made for."""
    return {"letter": f"{public_url}/applications/{SAMPLE['reference']}/letter"}


MAILS = (
    MailKind(
        kind="APPROVED",
        sent_by="decideApplication (APPROVE)",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        localised_sample=_letter_link,
        sample={
            **SAMPLE,
            "amount": "CHF 24000.00",
            "message": "Bitte reichen Sie nach sechs Monaten einen Zwischenbericht ein.",
        },
        templates={
            "de": Template(
                subject="Entscheid zu Ihrem Gesuch {reference}: bewilligt",
                body="Ihr Gesuch {reference} «{title}» ist bewilligt. Beitrag: {amount}.\n\n"
                "Die Verfügung (PDF): {letter}",
                action="Entscheid im Portal ansehen",
            ),
            "fr": Template(
                subject="Décision concernant votre demande {reference} : acceptée",
                body="Votre demande {reference} « {title} » est acceptée. Contribution : {amount}.\n\n"
                "La décision (PDF) : {letter}",
                action="Voir la décision sur le portail",
            ),
            "it": Template(
                subject="Decisione sulla sua domanda {reference}: approvata",
                body="La sua domanda {reference} «{title}» è approvata. Contributo: {amount}.\n\n"
                "La decisione (PDF): {letter}",
                action="Vedere la decisione sul portale",
            ),
            "en": Template(
                subject="Decision on your application {reference}: approved",
                body="Your application {reference} “{title}” has been approved. Contribution: {amount}.\n\n"
                "The decision letter (PDF): {letter}",
                action="View the decision on the portal",
            ),
        },
    ),
    MailKind(
        kind="REJECTED",
        sent_by="decideApplication (REJECT)",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        localised_sample=_letter_link,
        sample={**SAMPLE, "message": "Das Projekt liegt ausserhalb der Förderbereiche dieser Ausschreibung."},
        templates={
            "de": Template(
                subject="Entscheid zu Ihrem Gesuch {reference}: abgelehnt",
                body="Ihr Gesuch {reference} «{title}» ist leider abgelehnt.\n\nBegründung:\n{message}\n\n"
                "Die Verfügung (PDF): {letter}",
                action="Entscheid im Portal ansehen",
            ),
            "fr": Template(
                subject="Décision concernant votre demande {reference} : refusée",
                body="Nous regrettons de vous informer que votre demande {reference} « {title} » "
                "est refusée.\n\nMotifs :\n{message}\n\nLa décision (PDF) : {letter}",
                action="Voir la décision sur le portail",
            ),
            "it": Template(
                subject="Decisione sulla sua domanda {reference}: respinta",
                body="Ci rincresce comunicarle che la sua domanda {reference} «{title}» è stata "
                "respinta.\n\nMotivazione:\n{message}\n\nLa decisione (PDF): {letter}",
                action="Vedere la decisione sul portale",
            ),
            "en": Template(
                subject="Decision on your application {reference}: rejected",
                body="We regret to inform you that your application {reference} “{title}” has been "
                "rejected.\n\nReasons:\n{message}\n\nThe decision letter (PDF): {letter}",
                action="View the decision on the portal",
            ),
        },
    ),
)
