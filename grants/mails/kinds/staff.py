"""Mails to staff (reviewers and approvers): a new submission and a resubmission after changes."""

from __future__ import annotations

from grants.mails.catalogue import MailKind, Template

STAFF_PAGE = "/staff/applications/{reference}"
SAMPLE = {"reference": "KIP-2026-0007", "title": "Deutsch im Quartier", "date": "12.03.2026"}

MAILS = (
    MailKind(
        kind="SUBMITTED",
        sent_by="submitApplication (first submission)",
        to="every active reviewer and approver",
        link=STAFF_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Neues Gesuch {reference}",
                body="Das Gesuch {reference} «{title}» ist am {date} eingereicht worden.",
                action="Gesuch im Portal beurteilen",
            ),
            "fr": Template(
                subject="Nouvelle demande {reference}",
                body="La demande {reference} « {title} » a été soumise le {date}.",
                action="Examiner la demande sur le portail",
            ),
            "it": Template(
                subject="Nuova domanda {reference}",
                body="La domanda {reference} «{title}» è stata inoltrata il {date}.",
                action="Esaminare la domanda sul portale",
            ),
            "en": Template(
                subject="New application {reference}",
                body="The application {reference} “{title}” was submitted on {date}.",
                action="Assess the application on the portal",
            ),
        },
    ),
    MailKind(
        kind="RESUBMITTED",
        sent_by="submitApplication (after requestChanges)",
        to="every active reviewer and approver",
        link=STAFF_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Überarbeitetes Gesuch {reference}",
                body="Das Gesuch {reference} «{title}» ist am {date} überarbeitet wieder eingereicht worden.",
                action="Gesuch im Portal beurteilen",
            ),
            "fr": Template(
                subject="Demande remaniée {reference}",
                body="La demande {reference} « {title} » a été remaniée et soumise à nouveau le {date}.",
                action="Examiner la demande sur le portail",
            ),
            "it": Template(
                subject="Domanda rielaborata {reference}",
                body="La domanda {reference} «{title}» è stata rielaborata e inoltrata di nuovo il {date}.",
                action="Esaminare la domanda sul portale",
            ),
            "en": Template(
                subject="Revised application {reference}",
                body="The application {reference} “{title}” was revised and submitted again on {date}.",
                action="Assess the application on the portal",
            ),
        },
    ),
)
