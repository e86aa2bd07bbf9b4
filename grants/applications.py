"""Applications: who sees which, drafting them, and changing them with the version the client saw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from pypika_tortoise.queries import Table
from tortoise.fields.relational import ManyToManyFieldInstance
from tortoise.queryset import QuerySet

from grants import audit
from grants.atomic import atomic
from grants.codes import normalise_code
from grants.drafts import Draft, read_draft
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import Application, ApplicationStatus, BudgetLine, Role, User
from grants.moves import record_event
from grants.pagination import KeyType, Page, SortKey, keyset_page
from grants.permissions import require_role
from grants.search import matching
from grants.sequences import next_value
from grants.showing import for_showing
from grants.text import search_document
from grants.workflow import EDITABLE

STAFF = frozenset({Role.REVIEWER, Role.APPROVER, Role.ADMIN})
REQUIRED_ON_CREATE = (
    "title",
    "funding_area",
    "project_start",
    "project_end",
    "own_contribution",
    "requested_amount",
)


class ApplicationOrderField(StrEnum):
    """What an application list can be sorted by."""

    CREATED_AT = "CREATED_AT"
    SUBMITTED_AT = "SUBMITTED_AT"
    DEADLINE = "DEADLINE"
    STATUS = "STATUS"


@dataclass(frozen=True, slots=True)
class ApplicationOrder:
    """A sort order of an application list; ties are broken by creation."""

    field: ApplicationOrderField
    descending: bool = False


#: The sort key of each order field; drafts never submitted come last when sorting by submission.
ORDER_KEYS = {
    ApplicationOrderField.CREATED_AT: SortKey("id", KeyType.INT),
    ApplicationOrderField.SUBMITTED_AT: SortKey("submitted_at", KeyType.TIME, nullable=True),
    ApplicationOrderField.DEADLINE: SortKey("call__closes_at", KeyType.TIME),
    ApplicationOrderField.STATUS: SortKey("status", KeyType.TEXT),
}


def default_order(actor: User | None) -> ApplicationOrder:
    """Applicants see their newest applications first; staff work the oldest submission first."""
    if actor is not None and actor.role is Role.APPLICANT:
        return ApplicationOrder(ApplicationOrderField.CREATED_AT, descending=True)
    return ApplicationOrder(ApplicationOrderField.SUBMITTED_AT)


@dataclass(frozen=True, slots=True)
class ApplicationFilter:
    """What an application list is narrowed to."""

    statuses: Sequence[ApplicationStatus] = ()
    call_id: int | None = None
    funding_area: str | None = None
    applicant_id: int | None = None
    search: str | None = None


def sees_only_submitted(actor: User | None) -> bool:
    """True for staff, who never see an application that was not submitted (see visible_to)."""
    return actor is not None and actor.role in STAFF


def visible_to(actor: User | None) -> QuerySet[Application]:
    """The applications `actor` may see: an applicant its organisation's, staff what was ever submitted.

    A draft is the applicant's own work: no staff role, ADMIN included, sees an application that
    was never submitted, not even after it was withdrawn unsubmitted.
    """
    if actor is None or not actor.is_active:
        return Application.filter(id__in=[])
    if sees_only_submitted(actor):
        return Application.filter(submitted_at__isnull=False)
    return Application.filter(applicant_id=actor.organisation_id or 0)


async def find(
    actor: User | None, *, pk: int | None = None, reference: str | None = None
) -> Application | None:
    """The application with this id or reference if `actor` may see it, else None (no hint)."""
    queryset = visible_to(actor)
    queryset = queryset.filter(id=pk) if pk is not None else queryset.filter(reference=reference or "")
    return await queryset.first()


async def require_visible(actor: User | None, application_id: int) -> Application:
    """The application for a mutation, or NOT_FOUND when it does not exist or is not visible."""
    require_role(actor, *Role)
    application = await find(actor, pk=application_id)
    if application is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such application", ("id",))
    return application


async def list_applications(
    *,
    actor: User | None,
    filter: ApplicationFilter,
    first: int | None,
    after: str | None,
    order: ApplicationOrder | None = None,
) -> Page[Application]:
    """A page of the visible applications matching `filter`, in `order` (default: default_order)."""
    queryset = visible_to(actor)
    if filter.statuses:
        queryset = queryset.filter(status__in=list(filter.statuses))
    if filter.call_id is not None:
        queryset = queryset.filter(call_id=filter.call_id)
    if filter.funding_area:
        queryset = queryset.filter(funding_area__code=normalise_code(filter.funding_area))
    if filter.applicant_id is not None:
        queryset = queryset.filter(applicant_id=filter.applicant_id)
    queryset = matching(queryset, filter.search)
    queryset = for_showing(queryset)  # rows to show: a page of them builds quicker without the timestamps
    chosen = order or default_order(actor)
    sort = ORDER_KEYS[chosen.field]
    # Staff see only submitted applications: with no empty submission dates to put last, the
    # order is the plain (submitted_at, id) that an index holds, not a computed one to sort.
    nullable = sort.nullable and not sees_only_submitted(actor)
    sort = SortKey(sort.field, sort.kind, descending=chosen.descending, nullable=nullable)
    if chosen.field is ApplicationOrderField.DEADLINE:
        queryset = queryset.prefetch_related("call")
        return await keyset_page(
            queryset, kind="Application", sort=sort, first=first, after=after, key_of=_deadline
        )
    return await keyset_page(queryset, kind="Application", sort=sort, first=first, after=after)


def _deadline(application: Application) -> datetime:
    return application.call.closes_at


async def _store_parts(application: Application, draft: Draft, *, new: bool) -> None:
    """Replace the lines and municipalities the draft gives; a `new` application has none to remove."""
    if draft.budget_lines is not None:
        if not new:
            await BudgetLine.filter(application_id=application.id).delete()
        if draft.budget_lines:
            await BudgetLine.bulk_create(
                [BudgetLine(application_id=application.id, **line) for line in draft.budget_lines]
            )
    if draft.municipalities is not None:
        if not new:
            await application.municipalities.clear()
        if draft.municipalities:
            await _link_municipalities(application.id, draft.municipalities)


async def _link_municipalities(application_id: int, organisation_ids: Sequence[int]) -> None:
    """Insert the application's municipality links, none of which exists yet (new, or just cleared).

    Tortoise's `municipalities.add()` first asks which links exist, a statement for nothing here.
    """
    relation = Application._meta.fields_map["municipalities"]
    assert isinstance(relation, ManyToManyFieldInstance)
    table = Table(relation.through)
    db = Application._meta.db
    query = db.query_class.into(table).columns(table[relation.forward_key], table[relation.backward_key])
    for organisation_id in organisation_ids:
        query = query.insert(organisation_id, application_id)
    await db.execute_query(*query.get_parameterized_sql())


async def create_application(*, actor: User | None, values: Mapping[str, Any], now: datetime) -> Application:
    """An applicant starts a draft for its organisation; only malformed input is refused."""
    applicant = require_role(actor, Role.APPLICANT)
    draft = await read_draft(values, creating=True)
    draft.problems += [
        Problem(ErrorCode.INVALID, "Required", (key,))
        for key in REQUIRED_ON_CREATE
        if values.get(key) is None
    ]
    raise_if_any(draft.problems)
    async with atomic():
        number = await next_value(f"application-{now.year}")
        reference = f"KIP-{now.year}-{number:04d}"
        application = await Application.create(
            reference=reference,
            applicant_id=applicant.organisation_id,
            created_by=applicant,
            search_text=search_document([reference, draft.row["title"]]),
            **draft.row,
        )
        await _store_parts(application, draft, new=True)
        await record_event(
            application=application, actor=applicant, kind="CREATED", to_status=ApplicationStatus.DRAFT
        )
        await audit.record(
            actor=applicant,
            action="application.create",
            entity_type="Application",
            entity_id=application.id,
            changes={"reference": application.reference},
        )
    return application


async def update_application(
    *, actor: User | None, application_id: int, version: int, values: Mapping[str, Any], now: datetime
) -> Application:
    """The applicant changes a draft, or an application sent back for changes, it last saw at `version`."""
    application = await require_visible(actor, application_id)
    editor = require_role(actor, Role.APPLICANT)
    if application.status not in EDITABLE:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "An application that is {status} cannot be edited",
            status=application.status.value,
        )
    if application.version != version:
        raise DomainError.single(
            ErrorCode.CONFLICT,
            "You edited version {version}, but it is at version {current} now",
            ("version",),
            version=version,
            current=application.version,
        )
    draft = await read_draft(values, creating=False)
    raise_if_any(draft.problems)
    async with atomic():
        changed = await Application.filter(
            id=application.id, version=version, status__in=list(EDITABLE)
        ).update(**draft.row, version=version + 1, updated_at=now)
        if changed != 1:
            raise DomainError.single(
                ErrorCode.CONFLICT,
                "The application was changed meanwhile; reload it and try again",
                ("version",),
            )
        if "title" in draft.row:
            # Apart from the compare-and-set: on SQLite the search index's triggers fire on a
            # change of search_text, and the rows they write count in what an UPDATE reports.
            await Application.filter(id=application.id).update(
                search_text=search_document([application.reference, draft.row["title"]])
            )
        await _store_parts(application, draft, new=False)
        await record_event(application=application, actor=editor, kind="EDITED")
        await audit.record(
            actor=editor,
            action="application.update",
            entity_type="Application",
            entity_id=application.id,
            changes={"fields": sorted(values)},
        )
    return await Application.get(id=application.id)
