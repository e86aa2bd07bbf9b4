"""Shared input types and turning inputs into the plain values grants/ takes."""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry


@strawberry.input(
    description="A text in kipnet's four languages; German is required where the text is, and clients "
    "that ask for a missing language are shown the German text."
)
class LocalizedTextInput:
    de: str | None = strawberry.field(default=None, description="German: required for names.")
    fr: str | None = strawberry.field(default=None, description="French (optional).")
    it: str | None = strawberry.field(default=None, description="Italian (optional).")
    en: str | None = strawberry.field(default=None, description="English (optional).")


def given(input_object: object, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields the client actually sent (not UNSET), nested inputs as plain dicts."""
    values: dict[str, Any] = {}
    for item in dataclasses.fields(input_object):  # type: ignore[arg-type]
        value = getattr(input_object, item.name)
        if value is strawberry.UNSET or item.name in skip:
            continue
        if dataclasses.is_dataclass(value):
            value = {k: v for k, v in dataclasses.asdict(value).items() if v is not strawberry.UNSET}  # type: ignore[arg-type]
        values[item.name] = value
    return values
