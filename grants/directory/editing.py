"""Editing the directory's organisations and services, each change audited."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model

from grants import audit
from grants.atomic import atomic
from grants.codes import normalise_code
from grants.directory.entry_rules import organisation_problems, service_problems
from grants.directory.indexing import reindex_organisation
from grants.directory.records import delete_audited, diff, jsonable, organisation_by_slug, require_row
from grants.directory.validation import SERVICE_REFERENCES, clean_organisation, clean_service
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import Application, FundingArea, Organisation, Relationship, Role, Service, User
from grants.permissions import require_role
from grants.text import slugify


def _slug_conflict(slug: str) -> Problem:
    return Problem(ErrorCode.CONFLICT, "The slug {slug!r} is already taken", ("slug",), slug=slug)


async def _slug_taken(model: type[Model], slug: str, exclude_id: int | None) -> list[Problem]:
    queryset = model.filter(slug=slug)
    if exclude_id is not None:
        queryset = queryset.exclude(id=exclude_id)
    return [_slug_conflict(slug)] if await queryset.exists() else []


async def save_organisation(
    *,
    actor: User | None,
    values: Mapping[str, Any],
    organisation_id: int | None = None,
    now: datetime | None = None,
) -> Organisation:
    """Create (no id) or update an organisation from validated values; audited, no role check.

    `retired` (true/false) retires an organisation as of `now` or takes it back into the network.
    """
    existing = (
        await require_row(Organisation, organisation_id, "organisation")
        if organisation_id is not None
        else None
    )
    fields = {key: value for key, value in values.items() if key != "retired"}
    clean, problems = clean_organisation(fields, creating=existing is None)
    if values.get("retired") is not None:
        since = existing.retired_at if existing is not None else None
        clean["retired_at"] = (since or now or datetime.now(UTC)) if values["retired"] else None
    if existing is None and not problems and "slug" not in clean:
        clean["slug"] = slugify(clean["name"]["de"])
    if "slug" in clean and not any(problem.field == ("slug",) for problem in problems):
        problems += await _slug_taken(Organisation, clean["slug"], organisation_id)
    raise_if_any(problems)
    async with atomic(_slug_conflict(clean.get("slug", existing.slug if existing else ""))):
        if existing is None:
            organisation = await Organisation.create(**clean, sort_name="")
            changes: dict[str, Any] = {key: jsonable(value) for key, value in clean.items()}
            action = "organisation.create"
        else:
            organisation, changes, action = existing, diff(existing, clean), "organisation.update"
            if not changes:
                return organisation
            await organisation.update_from_dict(clean).save()
        await reindex_organisation(organisation)
        await audit.record(
            actor=actor, action=action, entity_type="Organisation", entity_id=organisation.id, changes=changes
        )
    return organisation


async def create_organisation(*, actor: User | None, values: Mapping[str, Any]) -> Organisation:
    """Admin: add an organisation to the directory."""
    return await save_organisation(actor=require_role(actor, Role.ADMIN), values=values)


async def update_organisation(
    *, actor: User | None, organisation_id: int, values: Mapping[str, Any], now: datetime
) -> Organisation:
    """Admin: change some fields of an organisation, or retire it (`retired`); an applicant member:
    its own organisation's contact data and description (entry_rules)."""
    editor = require_role(actor, Role.ADMIN, Role.APPLICANT)
    raise_if_any(
        organisation_problems(
            role=editor.role,
            actor_organisation_id=editor.organisation_id,
            organisation_id=organisation_id,
            fields=values,
        )
    )
    return await save_organisation(actor=editor, values=values, organisation_id=organisation_id, now=now)


async def references_to(organisation_id: int) -> dict[str, int]:
    """How many accounts, applications (as applicant), projects (as their place) and relationships
    refer to the organisation."""
    return {
        "accounts": await User.filter(organisation_id=organisation_id).count(),
        "applications": await Application.filter(applicant_id=organisation_id).count(),
        "projects": await Application.filter(municipalities__id=organisation_id).count(),
        "relationships": await Relationship.filter(
            Q(source_id=organisation_id) | Q(target_id=organisation_id)
        ).count(),
    }


async def delete_organisation(*, actor: User | None, organisation_id: int) -> None:
    """Admin: remove an organisation nothing refers to; one with history is retired instead.

    Deleting a partner that applications, awards or relationships name would rewrite history
    (funded projects would lose their places, the open data would change).
    """
    admin = require_role(actor, Role.ADMIN)
    organisation = await require_row(Organisation, organisation_id, "organisation")
    async with atomic():
        # Locks the row on PostgreSQL, so nothing can start referring to it until the delete is done.
        await Organisation.filter(id=organisation.id).select_for_update().first()
        referring = await references_to(organisation.id)
        if any(referring.values()):
            raise DomainError.single(
                ErrorCode.CONFLICT,
                "Still referred to by {accounts} user account(s), {applications} application(s), "
                "{projects} project(s) taking place there and {relationships} relationship(s): retire "
                "the organisation instead (retired: true), which keeps its history",
                ("id",),
                **referring,
            )
        await delete_audited(
            actor=admin,
            row=organisation,
            action="organisation.delete",
            changes={"slug": organisation.slug, "name": organisation.name},
        )


async def _service_refs(values: Mapping[str, Any], clean: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if clean.get("provider") is not None:
        clean["provider"], found = await organisation_by_slug(clean["provider"], "provider")
        problems += found
    if "funding_area" in clean and clean["funding_area"] is not None:
        area = await FundingArea.get_or_none(code=normalise_code(clean["funding_area"]))
        if area is None:
            problems.append(
                Problem(
                    ErrorCode.NOT_FOUND,
                    "No funding area {funding_area!r}",
                    ("fundingArea",),
                    funding_area=values["funding_area"],
                )
            )
        clean["funding_area"] = area
    return problems


def _service_changes(service: Service, clean: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} of an update; references compare (and are recorded) by primary key."""
    changes: dict[str, list[Any]] = {}
    for key, value in clean.items():
        if key in SERVICE_REFERENCES:
            old, new = getattr(service, f"{key}_id"), value.pk if value is not None else None
        else:
            old, new = getattr(service, key), value
        if old != new:
            changes[key] = [jsonable(old), jsonable(new)]
    return changes


async def save_service(
    *, actor: User | None, values: Mapping[str, Any], service_id: int | None = None
) -> Service:
    """Create (no id) or update a service from validated values; audited, no role check."""
    existing = await require_row(Service, service_id, "service") if service_id is not None else None
    clean, problems = clean_service(values, creating=existing is None)
    problems += await _service_refs(values, clean)
    if existing is None and not problems and "slug" not in clean:
        clean["slug"] = slugify(f"{clean['provider'].slug} {clean['name']['de']}")
    if "slug" in clean and not any(problem.field == ("slug",) for problem in problems):
        problems += await _slug_taken(Service, clean["slug"], service_id)
    raise_if_any(problems)
    async with atomic(_slug_conflict(clean.get("slug", existing.slug if existing else ""))):
        if existing is None:
            service = await Service.create(**clean, sort_name="")
            changes: dict[str, Any] = {
                key: value.pk if isinstance(value, Model) else jsonable(value) for key, value in clean.items()
            }
            previous_provider = None
        else:
            service, previous_provider = existing, existing.provider_id
            changes = _service_changes(existing, clean)
            if not changes:
                return service
            await service.update_from_dict(clean).save()
        for provider_id in {service.provider_id, previous_provider} - {None}:
            await reindex_organisation(await Organisation.get(id=provider_id))
        await audit.record(
            actor=actor,
            action="service.create" if existing is None else "service.update",
            entity_type="Service",
            entity_id=service.id,
            changes=changes,
        )
    return service


def _service_editor(
    actor: User | None, *, provider_id: int | None, fields: Mapping[str, Any], creating: bool
) -> User:
    """The actor if it may make this change to a service of `provider_id`; else a FORBIDDEN refusal.

    On create a field left empty (None) is not one the actor sets.
    """
    editor = require_role(actor, Role.ADMIN, Role.APPLICANT)
    named = [key for key, value in fields.items() if value is not None or not creating]
    raise_if_any(
        service_problems(
            role=editor.role,
            actor_organisation_id=editor.organisation_id,
            provider_id=provider_id,
            fields=named,
            creating=creating,
        )
    )
    return editor


async def create_service(*, actor: User | None, values: Mapping[str, Any]) -> Service:
    """Admin: add a service offered by an organisation; an applicant member: one of its own organisation."""
    provider = await Organisation.get_or_none(slug=str(values.get("provider") or ""))
    editor = _service_editor(
        actor, provider_id=provider.id if provider else None, fields=values, creating=True
    )
    return await save_service(actor=editor, values=values)


async def update_service(*, actor: User | None, service_id: int, values: Mapping[str, Any]) -> Service:
    """Admin: change some fields of a service; an applicant member: of its own organisation's services."""
    require_role(actor, Role.ADMIN, Role.APPLICANT)  # who may not edit at all learns nothing of the row
    service = await require_row(Service, service_id, "service")
    editor = _service_editor(actor, provider_id=service.provider_id, fields=values, creating=False)
    return await save_service(actor=editor, values=values, service_id=service_id)


async def delete_service(*, actor: User | None, service_id: int) -> None:
    """Admin: remove a service; an applicant member: one of its own organisation's services."""
    require_role(actor, Role.ADMIN, Role.APPLICANT)
    service = await require_row(Service, service_id, "service")
    editor = _service_editor(actor, provider_id=service.provider_id, fields={}, creating=False)
    async with atomic():  # the provider's search text loses the service in the same step
        await delete_audited(
            actor=editor,
            row=service,
            action="service.delete",
            # The name too: the administrators' digest tells which service went.
            changes={"slug": service.slug, "provider": service.provider_id, "name": service.name},
        )
        await reindex_organisation(await Organisation.get(id=service.provider_id))
