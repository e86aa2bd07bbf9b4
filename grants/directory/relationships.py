"""Editing the typed, directed relationships between organisations, each change audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grants import audit
from grants.atomic import atomic
from grants.directory.records import delete_audited, diff, jsonable, organisation_by_slug, require_row
from grants.directory.validation import clean_relationship
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import Relationship, Role, User
from grants.permissions import require_role


async def save_relationship(
    *, actor: User | None, values: Mapping[str, Any], upsert: bool = False
) -> Relationship:
    """Create a relationship source —kind→ target (slugs); an existing one is a CONFLICT, or with
    `upsert` (the idempotent seed) is brought up to date."""
    source, problems = await organisation_by_slug(values.get("source", ""), "source")
    target, found = await organisation_by_slug(values.get("target", ""), "target")
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
        if not upsert:
            raise DomainError.single(ErrorCode.CONFLICT, "This relationship exists already", ("kind",))
        return await _update_relationship(actor, existing, clean)
    async with atomic():
        relationship = await Relationship.create(source=source, target=target, **clean)
        await audit.record(
            actor=actor,
            action="relationship.create",
            entity_type="Relationship",
            entity_id=relationship.id,
            changes={
                "source": source.slug,
                "target": target.slug,
                **{k: jsonable(v) for k, v in clean.items()},
            },
        )
    return relationship


async def _update_relationship(
    actor: User | None, relationship: Relationship, clean: Mapping[str, Any]
) -> Relationship:
    changes = diff(relationship, clean)
    if changes:
        async with atomic():
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
    relationship = await require_row(Relationship, relationship_id, "relationship")
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
    relationship = await require_row(Relationship, relationship_id, "relationship")
    await delete_audited(
        actor=admin,
        row=relationship,
        action="relationship.delete",
        changes={
            "source": relationship.source_id,
            "target": relationship.target_id,
            "kind": relationship.kind.value,
        },
    )
