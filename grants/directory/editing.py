"""Editing the directory: organisations, services and relationships, each change audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.models import Model
from tortoise.transactions import in_transaction

from grants import audit
from grants.directory.indexing import reindex_organisation
from grants.directory.validation import clean_organisation, clean_relationship, clean_service
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import FundingArea, Organisation, Relationship, Role, Service, User
from grants.permissions import require_role
from grants.text import slugify


def _jsonable(value: Any) -> Any:
    return (
        value.value
        if hasattr(value, "value")
        else value.isoformat()
        if hasattr(value, "isoformat")
        else value
    )


def _diff(row: Model, clean: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value would change, as {field: [old, new]}."""
    return {
        key: [_jsonable(getattr(row, key)), _jsonable(value)]
        for key, value in clean.items()
        if getattr(row, key) != value
    }


async def _organisation(organisation_id: int, field: str = "id") -> Organisation:
    found = await Organisation.get_or_none(id=organisation_id)
    if found is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such organisation", (field,))
    return found


async def _by_slug(slug: str, field: str) -> tuple[Organisation | None, list[Problem]]:
    found = await Organisation.get_or_none(slug=slug)
    return found, [] if found else [Problem(ErrorCode.NOT_FOUND, f"No organisation {slug!r}", (field,))]


async def _slug_taken(model: type[Model], slug: str, exclude_id: int | None) -> list[Problem]:
    queryset = model.filter(slug=slug)
    if exclude_id is not None:
        queryset = queryset.exclude(id=exclude_id)
    if await queryset.exists():
        return [Problem(ErrorCode.CONFLICT, f"The slug {slug!r} is already taken", ("slug",))]
    return []


async def save_organisation(
    *, actor: User | None, values: Mapping[str, Any], organisation_id: int | None = None
) -> Organisation:
    """Create (no id) or update an organisation from validated values; audited, no role check."""
    existing = await _organisation(organisation_id) if organisation_id is not None else None
    clean, problems = clean_organisation(values, creating=existing is None)
    if existing is None and not problems and "slug" not in clean:
        clean["slug"] = slugify(clean["name"]["de"])
    if "slug" in clean and not any(problem.field == ("slug",) for problem in problems):
        problems += await _slug_taken(Organisation, clean["slug"], organisation_id)
    raise_if_any(problems)
    async with in_transaction():
        if existing is None:
            organisation = await Organisation.create(**clean, sort_name="")
            changes: dict[str, Any] = {key: _jsonable(value) for key, value in clean.items()}
            action = "organisation.create"
        else:
            organisation, changes, action = existing, _diff(existing, clean), "organisation.update"
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
    *, actor: User | None, organisation_id: int, values: Mapping[str, Any]
) -> Organisation:
    """Admin: change some fields of an organisation."""
    return await save_organisation(
        actor=require_role(actor, Role.ADMIN), values=values, organisation_id=organisation_id
    )


async def delete_organisation(*, actor: User | None, organisation_id: int) -> None:
    """Admin: remove an organisation with its services and relationships (not while it has users)."""
    admin = require_role(actor, Role.ADMIN)
    organisation = await _organisation(organisation_id)
    if await User.filter(organisation_id=organisation.id).exists():
        raise DomainError.single(
            ErrorCode.CONFLICT, "The organisation still has user accounts; remove them first", ("id",)
        )
    async with in_transaction():
        await audit.record(
            actor=admin,
            action="organisation.delete",
            entity_type="Organisation",
            entity_id=organisation.id,
            changes={"slug": organisation.slug, "name": organisation.name},
        )
        await organisation.delete()


async def _service_refs(values: Mapping[str, Any], clean: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if clean.get("provider") is not None:
        clean["provider"], found = await _by_slug(clean["provider"], "provider")
        problems += found
    if "funding_area" in clean and clean["funding_area"] is not None:
        area = await FundingArea.get_or_none(code=clean["funding_area"])
        if area is None:
            problems.append(
                Problem(ErrorCode.NOT_FOUND, f"No funding area {values['funding_area']!r}", ("fundingArea",))
            )
        clean["funding_area"] = area
    return problems


async def save_service(
    *, actor: User | None, values: Mapping[str, Any], service_id: int | None = None
) -> Service:
    """Create (no id) or update a service from validated values; audited, no role check."""
    existing = await Service.get_or_none(id=service_id) if service_id is not None else None
    if service_id is not None and existing is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such service", ("id",))
    clean, problems = clean_service(values, creating=existing is None)
    problems += await _service_refs(values, clean)
    if existing is None and not problems and "slug" not in clean:
        clean["slug"] = slugify(f"{clean['provider'].slug} {clean['name']['de']}")
    if "slug" in clean and not any(problem.field == ("slug",) for problem in problems):
        problems += await _slug_taken(Service, clean["slug"], service_id)
    raise_if_any(problems)
    async with in_transaction():
        if existing is None:
            service = await Service.create(**clean, sort_name="")
            changes: dict[str, Any] = {
                key: value.pk if isinstance(value, Model) else _jsonable(value)
                for key, value in clean.items()
            }
            previous_provider = None
        else:
            service, previous_provider = existing, existing.provider_id
            changes = {
                key: [_jsonable(getattr(existing, key)), _jsonable(value)]
                for key, value in clean.items()
                if not isinstance(value, Model) and getattr(existing, key) != value
            }
            for key, value in clean.items():
                if isinstance(value, Model) and getattr(existing, f"{key}_id") != value.pk:
                    changes[key] = [getattr(existing, f"{key}_id"), value.pk]
            if not changes:
                return service
            await service.update_from_dict(clean).save()
        for provider_id in {service.provider_id, previous_provider} - {None}:
            await reindex_organisation(await _organisation(provider_id))  # type: ignore[arg-type]
        await audit.record(
            actor=actor,
            action="service.create" if existing is None else "service.update",
            entity_type="Service",
            entity_id=service.id,
            changes=changes,
        )
    return service


async def create_service(*, actor: User | None, values: Mapping[str, Any]) -> Service:
    """Admin: add a service offered by an organisation."""
    return await save_service(actor=require_role(actor, Role.ADMIN), values=values)


async def update_service(*, actor: User | None, service_id: int, values: Mapping[str, Any]) -> Service:
    """Admin: change some fields of a service."""
    return await save_service(actor=require_role(actor, Role.ADMIN), values=values, service_id=service_id)


async def delete_service(*, actor: User | None, service_id: int) -> None:
    """Admin: remove a service."""
    admin = require_role(actor, Role.ADMIN)
    service = await Service.get_or_none(id=service_id)
    if service is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such service", ("id",))
    async with in_transaction():
        await audit.record(
            actor=admin,
            action="service.delete",
            entity_type="Service",
            entity_id=service.id,
            changes={"slug": service.slug, "provider": service.provider_id},
        )
        await service.delete()
        await reindex_organisation(await _organisation(service.provider_id))


async def save_relationship(*, actor: User | None, values: Mapping[str, Any]) -> Relationship:
    """Create a relationship source —kind→ target (slugs), or return the identical existing one."""
    source, problems = await _by_slug(values.get("source", ""), "source")
    target, found = await _by_slug(values.get("target", ""), "target")
    problems += found
    fields = {key: value for key, value in values.items() if key not in {"source", "target"}}
    clean, found = clean_relationship(
        fields, source_id=source.id if source else None, target_id=target.id if target else None
    )
    problems += found
    raise_if_any(problems)
    assert source is not None
    assert target is not None
    existing = await Relationship.get_or_none(source_id=source.id, target_id=target.id, kind=clean["kind"])
    if existing is not None:
        if actor is not None:  # an editor adding it again is told; the idempotent seed is not
            raise DomainError.single(ErrorCode.CONFLICT, "This relationship exists already", ("kind",))
        return await _update_relationship(actor, existing, clean)
    async with in_transaction():
        relationship = await Relationship.create(source=source, target=target, **clean)
        await audit.record(
            actor=actor,
            action="relationship.create",
            entity_type="Relationship",
            entity_id=relationship.id,
            changes={
                "source": source.slug,
                "target": target.slug,
                **{k: _jsonable(v) for k, v in clean.items()},
            },
        )
    return relationship


async def _update_relationship(
    actor: User | None, relationship: Relationship, clean: Mapping[str, Any]
) -> Relationship:
    changes = _diff(relationship, clean)
    if changes:
        async with in_transaction():
            await relationship.update_from_dict(dict(clean)).save()
            await audit.record(
                actor=actor,
                action="relationship.update",
                entity_type="Relationship",
                entity_id=relationship.id,
                changes=changes,
            )
    return relationship


async def update_relationship(
    *, actor: User | None, relationship_id: int, values: Mapping[str, Any]
) -> Relationship:
    """Admin: change the kind, start date or description of a relationship."""
    admin = require_role(actor, Role.ADMIN)
    relationship = await Relationship.get_or_none(id=relationship_id)
    if relationship is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such relationship", ("id",))
    clean, problems = clean_relationship(values, source_id=None, target_id=None)
    if "kind" in clean and clean["kind"] is not None and clean["kind"] != relationship.kind:
        duplicate = Relationship.filter(
            source_id=relationship.source_id, target_id=relationship.target_id, kind=clean["kind"]
        )
        if await duplicate.exists():
            problems.append(Problem(ErrorCode.CONFLICT, "This relationship exists already", ("kind",)))
    raise_if_any(problems)
    return await _update_relationship(admin, relationship, clean)


async def create_relationship(*, actor: User | None, values: Mapping[str, Any]) -> Relationship:
    """Admin: relate two organisations."""
    return await save_relationship(actor=require_role(actor, Role.ADMIN), values=values)


async def delete_relationship(*, actor: User | None, relationship_id: int) -> None:
    """Admin: remove a relationship."""
    admin = require_role(actor, Role.ADMIN)
    relationship = await Relationship.get_or_none(id=relationship_id)
    if relationship is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such relationship", ("id",))
    async with in_transaction():
        await audit.record(
            actor=admin,
            action="relationship.delete",
            entity_type="Relationship",
            entity_id=relationship.id,
            changes={
                "source": relationship.source_id,
                "target": relationship.target_id,
                "kind": relationship.kind.value,
            },
        )
        await relationship.delete()
