"""Running GraphQL documents through the schema, as a given actor, in a given language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from grants.models import User
from schema import build_schema
from schema.context import Context

SCHEMA = build_schema()
SECRET = "schema-test-secret-" + "y" * 32


async def run(
    document: str,
    variables: dict[str, Any] | None = None,
    *,
    actor: User | None = None,
    languages: tuple[str, ...] = (),
    now: datetime | None = None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(data, errors as formatted dicts) of executing `document` with a fresh context."""
    context = Context(actor=actor, languages=languages, secret=SECRET)
    if now is not None:
        context.clock = lambda: now
    result = await SCHEMA.execute(document, variable_values=variables, context_value=context)
    return result.data, [dict(error.formatted) for error in result.errors or ()]


async def ok(document: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
    """The data of a document that must succeed without errors."""
    data, errors = await run(document, variables, **kwargs)
    assert errors == []
    assert data is not None
    return data
