"""Helpers shared by the directory's editing use cases: change sets and looking up by slug."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.models import Model

from grants.errors import ErrorCode, Problem
from grants.models import Organisation


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
    return found, [] if found else [Problem(ErrorCode.NOT_FOUND, f"No organisation {slug!r}", (field,))]
