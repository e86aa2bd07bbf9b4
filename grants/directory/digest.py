"""The administrators' digest of applicants' directory edits: one outbox mail per administrator.

Applicants keep their own organisation's entry (entry_rules); every such edit is audited. A periodic
run collects the audited edits made since the last digest and writes one mail per active
administrator, in that administrator's language, listing organisation, who, when and what changed,
with a link to the entry's administration page: the mail kind DIRECTORY_EDITS of the catalogue
(grants/mails/kinds/directory.py holds its words), as plain text and HTML like every other mail.
A `mail_digest` row remembers how far a digest went, in the same transaction
as its mails, so that nothing is told twice, even by two workers at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from grants.atomic import atomic
from grants.errors import DomainError
from grants.mails import ComposedMail, compose, mail_language, portal_link
from grants.mails.kinds.directory import Edit, edits_text
from grants.models import AuditRecord, MailDigest, Organisation, OutboxMessage, Role, Service, User

__all__ = ["MAIL_KIND", "Edit", "collect_edits", "digest_mail", "send_directory_digest"]

DIGEST_KIND = "directory"
MAIL_KIND = "DIRECTORY_EDITS"
#: The audited actions of an entry edit.
ENTRY_ACTIONS = ("organisation.update", "service.create", "service.update", "service.delete")
#: Edits younger than this wait for the next run: an audit id is taken at insert but seen at commit,
#: so a short transaction that took a smaller id may still be committing when the digest reads.
SETTLE = timedelta(minutes=1)


def digest_mail(edits: Sequence[Edit], *, language: str, public_url: str) -> ComposedMail:
    """The digest of `edits` in `language` (German if not a mail language), grouped by organisation."""
    values = {
        "count": str(len(edits)),
        "edits": edits_text(edits, language=mail_language(language), public_url=public_url),
    }
    link = portal_link(MAIL_KIND, public_url=public_url, values=values)
    return compose(MAIL_KIND, language=language, values=values, link=link)


def _service_name(record: AuditRecord, services: dict[int, Service]) -> str:
    service = services.get(record.entity_id)
    if service is not None:
        return service.name.get("de", service.slug)
    name = record.changes.get("name")
    return name.get("de", "") if isinstance(name, dict) else str(record.changes.get("slug", ""))


def _organisation_of(record: AuditRecord, services: dict[int, Service]) -> int | None:
    if record.entity_type == "Organisation":
        return record.entity_id
    provider: Any = record.changes.get("provider")
    if isinstance(provider, int):
        return provider
    service = services.get(record.entity_id)
    return service.provider_id if service is not None else None


async def collect_edits(*, after: int, until: datetime) -> list[Edit]:
    """Applicants' entry edits audited after the record `after` and no later than `until`, oldest first."""
    records = (
        await AuditRecord.filter(
            id__gt=after, at__lte=until, action__in=ENTRY_ACTIONS, actor__role=Role.APPLICANT
        )
        .order_by("id")
        .prefetch_related("actor")
    )
    service_ids = {r.entity_id for r in records if r.entity_type == "Service"}
    services = {s.id: s for s in await Service.filter(id__in=service_ids)} if service_ids else {}
    owners = {r.id: _organisation_of(r, services) for r in records}
    wanted = {pk for pk in owners.values() if pk is not None}
    organisations = {o.id: o for o in await Organisation.filter(id__in=wanted)} if wanted else {}
    edits = []
    for record in records:
        organisation = organisations.get(owners[record.id] or 0)
        actor = record.actor
        if organisation is None or actor is None:
            continue  # the organisation is gone since: nothing left to look at
        is_service = record.entity_type == "Service"
        edits.append(
            Edit(
                audit_id=record.id,
                organisation_slug=organisation.slug,
                organisation_name=organisation.name,
                who=actor.display_name,
                email=actor.email,
                at=record.at,
                action=record.action,
                fields=tuple(sorted(record.changes)) if record.action.endswith(".update") else (),
                service=_service_name(record, services) if is_service else None,
            )
        )
    return edits


async def _last_through() -> int:
    last = await MailDigest.filter(kind=DIGEST_KIND).order_by("-through_audit_id").first()
    return last.through_audit_id if last is not None else 0


async def _write(
    edits: Iterable[Edit], after: int, admins: Sequence[User], public_url: str, now: datetime
) -> int:
    told = list(edits)
    await MailDigest.create(
        kind=DIGEST_KIND,
        after_audit_id=after,
        through_audit_id=max(edit.audit_id for edit in told),
        edits=len(told),
        recipients=len(admins),
        created_at=now,
    )
    by_language: dict[str, ComposedMail] = {}
    for admin in admins:
        language = mail_language(admin.language)
        if language not in by_language:
            by_language[language] = digest_mail(told, language=language, public_url=public_url)
        mail = by_language[language]
        await OutboxMessage.create(
            recipient=admin.email,
            subject=mail.subject,
            body=mail.text,
            html_body=mail.html,
            language=mail.language,
            kind=MAIL_KIND,
            next_attempt_at=now,
        )
    return len(admins)


async def send_directory_digest(*, now: datetime, public_url: str) -> int:
    """Write the digest of the edits since the last one to every active administrator; the mails written.

    Nothing new, no mail. Should another worker write the same digest meanwhile, this one writes none.
    """
    after = await _last_through()
    edits = await collect_edits(after=after, until=now - SETTLE)
    if not edits:
        return 0
    admins = await User.filter(role=Role.ADMIN, is_active=True).order_by("id")
    try:
        async with atomic():
            return await _write(edits, after, admins, public_url, now)
    except DomainError:  # (kind, after_audit_id) taken: the other worker told these edits
        return 0
