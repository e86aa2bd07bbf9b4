"""Who is told what, in German with the reference: written to the outbox inside the step's transaction."""

from __future__ import annotations

from datetime import datetime

from grants.models import Application, OutboxMessage, Role, User

APPLICANT_TEXTS = {
    "RECEIVED": (
        "Eingangsbestätigung {reference}",
        "Guten Tag\n\nIhr Gesuch {reference} «{title}» ist am {date} eingegangen. "
        "Wir melden uns, sobald es beurteilt ist.\n\nFachbereich Integration Basel-Landschaft",
    ),
    "REVIEW_STARTED": (
        "Ihr Gesuch {reference} wird beurteilt",
        "Guten Tag\n\nIhr Gesuch {reference} «{title}» wird seit dem {date} beurteilt. "
        "Wir melden uns mit dem Entscheid.\n\nFachbereich Integration Basel-Landschaft",
    ),
    "CHANGES_REQUESTED": (
        "Änderungen verlangt: {reference}",
        "Guten Tag\n\nZu Ihrem Gesuch {reference} «{title}» bitten wir um folgende Änderungen:"
        "\n\n{message}\n\nSie können das Gesuch überarbeiten und erneut einreichen."
        "\n\nFachbereich Integration Basel-Landschaft",
    ),
    "APPROVED": (
        "Entscheid zu Ihrem Gesuch {reference}: bewilligt",
        "Guten Tag\n\nIhr Gesuch {reference} «{title}» ist bewilligt.{message}"
        "\n\nFachbereich Integration Basel-Landschaft",
    ),
    "REJECTED": (
        "Entscheid zu Ihrem Gesuch {reference}: abgelehnt",
        "Guten Tag\n\nIhr Gesuch {reference} «{title}» ist leider abgelehnt.\n\nBegründung:\n{message}\n\n"
        "Fachbereich Integration Basel-Landschaft",
    ),
    "REPORT_ACCEPTED": (
        "Bericht angenommen: {reference}",
        "Guten Tag\n\nIhr Bericht zum Projekt {reference} «{title}» ist angenommen.{message}\n\n"
        "Fachbereich Integration Basel-Landschaft",
    ),
    "REPORT_RETURNED": (
        "Bericht zurückgewiesen: {reference}",
        "Guten Tag\n\nZu Ihrem Bericht zum Projekt {reference} «{title}» bitten wir um Folgendes:"
        "\n\n{message}\n\nSie können den Bericht ergänzen und erneut einreichen."
        "\n\nFachbereich Integration Basel-Landschaft",
    ),
    "TRANCHE_PAID": (
        "Zahlung zu Ihrem Projekt {reference}",
        "Guten Tag\n\nFür das Projekt {reference} «{title}» ist eine Tranche ausbezahlt worden: {message}."
        "\n\nFachbereich Integration Basel-Landschaft",
    ),
    "CLOSED": (
        "Projekt abgeschlossen: {reference}",
        "Guten Tag\n\nDas Projekt {reference} «{title}» ist am {date} abgeschlossen worden. "
        "Vielen Dank für die Zusammenarbeit.{message}\n\nFachbereich Integration Basel-Landschaft",
    ),
}
#: The steps of an application that its applicant is told of by mail (every step staff take).
TOLD_STEPS = tuple(APPLICANT_TEXTS)
STAFF_TEXTS = {
    "SUBMITTED": (
        "Neues Gesuch {reference}",
        "Das Gesuch {reference} «{title}» ist am {date} eingereicht worden.",
    ),
    "RESUBMITTED": (
        "Überarbeitetes Gesuch {reference}",
        "Das Gesuch {reference} «{title}» ist am {date} überarbeitet wieder eingereicht worden.",
    ),
}


async def _write(
    texts: tuple[str, str],
    recipients: list[str],
    kind: str,
    application: Application,
    message: str | None,
    now: datetime,
) -> None:
    values = {
        "reference": application.reference,
        "title": application.title,
        "date": now.date().strftime("%d.%m.%Y"),
        "message": message or "",
    }
    subject, body = (text.format(**values) for text in texts)
    for recipient in sorted(set(recipients)):
        await OutboxMessage.create(
            recipient=recipient,
            subject=subject,
            body=body,
            kind=kind,
            application_id=application.id,
            next_attempt_at=now,
        )


async def tell_applicant(*, application: Application, kind: str, message: str | None, now: datetime) -> None:
    """Write the applicant-facing message `kind` to every active member of the applicant organisation."""
    members = await User.filter(organisation_id=application.applicant_id, role=Role.APPLICANT, is_active=True)
    note = f"\n\n{message}" if message and kind in {"APPROVED", "REPORT_ACCEPTED", "CLOSED"} else message
    await _write(APPLICANT_TEXTS[kind], [m.email for m in members], kind, application, note, now)


async def tell_staff(*, application: Application, kind: str, now: datetime) -> None:
    """Write the staff-facing message `kind` to every active reviewer and approver."""
    staff = await User.filter(role__in=[Role.REVIEWER, Role.APPROVER], is_active=True)
    await _write(STAFF_TEXTS[kind], [s.email for s in staff], kind, application, None, now)
