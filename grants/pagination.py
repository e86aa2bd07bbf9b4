"""Keyset pagination: opaque cursors over a stable (sort key, id) order, and the page they give."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from grants.errors import DomainError, ErrorCode

T = TypeVar("T")
M = TypeVar("M", bound=Model)

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list, with what a Relay connection needs to describe it."""

    items: Sequence[T]
    cursors: Sequence[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: int


def encode_cursor(kind: str, key: Sequence[Any]) -> str:
    """An opaque cursor for the position `key` in a list of `kind`."""
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(kind: str, cursor: str, arity: int) -> list[Any]:
    """The position a cursor of `kind` stands for; a clear refusal if it is not one."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, UnicodeError, ValueError):
        decoded = None
    if not isinstance(decoded, list) or len(decoded) != arity + 1 or decoded[0] != kind:
        raise DomainError.single(ErrorCode.INVALID, "The cursor is not valid for this list", ("after",))
    return decoded[1:]


def page_size(first: int | None) -> int:
    """The number of items to return for `first`, refusing values outside 0..MAX_PAGE_SIZE."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise DomainError.single(
            ErrorCode.INVALID, f"`first` must be between 0 and {MAX_PAGE_SIZE}, got {first}", ("first",)
        )
    return first


async def keyset_page(
    queryset: QuerySet[M], *, kind: str, sort_field: str, first: int | None, after: str | None
) -> Page[M]:
    """A page of `queryset` ordered by (sort_field, id), starting after the cursor `after`."""
    size = page_size(first)
    total = await queryset.count()
    window = queryset
    if after is not None:
        sort_value, last_id = decode_cursor(kind, after, 2)
        if (
            not isinstance(sort_value, str | int)
            or isinstance(sort_value, bool)
            or not isinstance(last_id, int)
        ):
            raise DomainError.single(ErrorCode.INVALID, "The cursor is not valid for this list", ("after",))
        after_value: dict[str, Any] = {f"{sort_field}__gt": sort_value}
        same_value: dict[str, Any] = {sort_field: sort_value, "id__gt": last_id}
        window = window.filter(Q(**after_value) | Q(**same_value))
    rows = await window.order_by(sort_field, "id").limit(size + 1) if size else []
    items = list(rows[:size])
    return Page(
        items=items,
        cursors=[encode_cursor(kind, [getattr(row, sort_field), row.pk]) for row in items],
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        total_count=total,
    )


def slice_page(items: Sequence[T], *, kind: str, first: int | None, after: str | None) -> Page[T]:
    """A page of an already loaded, ordered list (small nested lists), with offset cursors."""
    size = page_size(first)
    start = 0
    if after is not None:
        (offset,) = decode_cursor(kind, after, 1)
        if not isinstance(offset, int) or offset < 0:
            raise DomainError.single(ErrorCode.INVALID, "The cursor is not valid for this list", ("after",))
        start = offset + 1
    chosen = items[start : start + size]
    return Page(
        items=chosen,
        cursors=[encode_cursor(kind, [start + i]) for i in range(len(chosen))],
        has_next_page=start + size < len(items),
        has_previous_page=start > 0,
        total_count=len(items),
    )
