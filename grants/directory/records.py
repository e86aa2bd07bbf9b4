"""Helpers shared by the directory's editing use cases: lookups, change sets, audited deletes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from tortoise.models import Model

from grants import audit
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem
from grants.models import Organisation, User

M = TypeVar("M", bound=Model)
#: What a missing row is called in the refusal, by the word callers use for it.
NO_SUCH = {
    "organisation": "No such organisation",
    "service": "No such service",
    "relationship": "No such relationship",
}


def jsonable(value: Any) -> Any:
    """A value as it is written into an audit record (enums by value, dates as ISO text)."""
    return (
        value.value
        if hasattr(value, "value")
        else value.isoformat()
        if hasattr(value, "isoformat")
        else value
    )


def diff(row: Model, clean: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value would change, as {field: [old, new]}."""
    return {
        key: [jsonable(getattr(row, key)), jsonable(value)]
        for key, value in clean.items()
        if getattr(row, key) != value
    }


async def organisation_by_slug(slug: str, field: str) -> tuple[Organisation | None, list[Problem]]:
    """The organisation with this slug, or a NOT_FOUND problem for `field`."""
    found = await Organisation.get_or_none(slug=slug)
    return found, [] if found else [
        Problem(ErrorCode.NOT_FOUND, "No organisation {slug!r}", (field,), slug=slug)
    ]


async def require_row(model: type[M], pk: int, what: str) -> M:
    """The row `pk` of `model`, or a NOT_FOUND refusal on the input's id ("No such <what>")."""
    found = await model.get_or_none(id=pk)
    if found is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, NO_SUCH[what], ("id",))
    return found


async def delete_audited(*, actor: User, row: Model, action: str, changes: dict[str, Any]) -> None:
    """Delete `row` and record who did it, in one transaction."""
    async with atomic():
        await audit.record(
            actor=actor, action=action, entity_type=type(row).__name__, entity_id=row.pk, changes=changes
        )
        await row.delete()
