"""Who is told what: each person in their own language, with a link to the portal page it is about.

Written to the outbox inside the step's transaction (grants/mailer.py delivers it); the kinds and
their words are in grants/mails/, and docs/mails.md lists which step sends which kind to whom.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

from grants.mails import ComposedMail, compose, mail_kind, mail_language, portal_link
from grants.models import Application, OutboxMessage, Role, User

#: The kinds an applicant is told of by mail (every step staff take on their application).
APPLICANT_KINDS = (
    "RECEIVED",
    "REVIEW_STARTED",
    "CHANGES_REQUESTED",
    "APPROVED",
    "REJECTED",
    "TRANCHE_PAID",
    "REPORT_ACCEPTED",
    "REPORT_RETURNED",
    "CLOSED",
)
#: The kinds staff who review and decide are told of.
STAFF_KINDS = ("SUBMITTED", "RESUBMITTED")


def day(value: date) -> str:
    """A date as mails write it in every language (Swiss style): 03.08.2026."""
    return value.strftime("%d.%m.%Y")


async def write_mails(
    *,
    kind: str,
    people: Iterable[User],
    values: Mapping[str, str],
    public_url: str,
    now: datetime,
    application_id: int | None = None,
    values_in: Callable[[str], Mapping[str, str]] | None = None,
) -> None:
    """Write the mail `kind` to each of `people` in their own language, composed once per language;
    `values_in(language)` gives the values that depend on the language (a name in it, say)."""
    mail_kind(kind)  # an unknown kind fails before anything is written
    link = portal_link(kind, public_url=public_url, values=values)
    by_language: dict[str, ComposedMail] = {}
    for email, preferred in sorted({(person.email, person.language) for person in people}):
        language = mail_language(preferred)
        if language not in by_language:
            own = values_in(language) if values_in else {}
            by_language[language] = compose(kind, language=language, values={**values, **own}, link=link)
        mail = by_language[language]
        await OutboxMessage.create(
            recipient=email,
            subject=mail.subject,
            body=mail.text,
            html_body=mail.html,
            language=mail.language,
            kind=kind,
            application_id=application_id,
            next_attempt_at=now,
        )


def _values(application: Application, now: datetime, extra: Mapping[str, str]) -> dict[str, str]:
    return {"reference": application.reference, "title": application.title, "date": day(now.date()), **extra}


async def tell_applicant(
    *,
    application: Application,
    kind: str,
    message: str | None,
    now: datetime,
    public_url: str,
    extra: Mapping[str, str] | None = None,
) -> None:
    """Write the mail `kind` to every active applicant member of the organisation, each in their language."""
    if kind not in APPLICANT_KINDS:
        raise ValueError(f"{kind} is not a mail to applicants")
    members = await User.filter(organisation_id=application.applicant_id, role=Role.APPLICANT, is_active=True)
    values = _values(application, now, {"message": (message or "").strip(), **(extra or {})})
    await write_mails(
        kind=kind,
        people=members,
        values=values,
        public_url=public_url,
        now=now,
        application_id=application.id,
    )


async def tell_staff(*, application: Application, kind: str, now: datetime, public_url: str) -> None:
    """Write the staff mail `kind` to every active reviewer and approver, each in their language."""
    if kind not in STAFF_KINDS:
        raise ValueError(f"{kind} is not a mail to staff")
    staff = await User.filter(role__in=[Role.REVIEWER, Role.APPROVER], is_active=True)
    values = _values(application, now, {})
    await write_mails(
        kind=kind,
        people=staff,
        values=values,
        public_url=public_url,
        now=now,
        application_id=application.id,
    )
