"""Keyset pagination: opaque cursors over a stable (sort key, id) order, and the page they give.

A cursor names its list and its order, and every key in it is checked for type and range before
it reaches a query: a crafted cursor is refused as INVALID, never a fault in the database driver.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from tortoise.expressions import Case, Q, RawSQL, When
from tortoise.models import Model
from tortoise.queryset import QuerySet

from grants.errors import DomainError, ErrorCode

T = TypeVar("T")
M = TypeVar("M", bound=Model)

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
#: Primary keys are 32-bit integers on every backend.
MAX_KEY = 2**31 - 1
MAX_TEXT_KEY = 1000


class KeyType(StrEnum):
    """What a sort key holds, and so how a cursor's copy of it is checked."""

    INT = "INT"
    TEXT = "TEXT"
    TIME = "TIME"


@dataclass(frozen=True, slots=True)
class SortKey:
    """A list's order: by `field` (then by id), ascending or descending.

    A `nullable` field's empty rows come after all others, in order of id, in either direction.
    """

    field: str
    kind: KeyType
    descending: bool = False
    nullable: bool = False

    @property
    def name(self) -> str:
        """The order as cursors record it: a cursor of another order is not valid for this one."""
        return f"{self.field}:{'desc' if self.descending else 'asc'}"


BY_ID = SortKey("id", KeyType.INT)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list, with what a Relay connection needs to describe it.

    The length of the whole list is `total_count` when it is known anyway (a loaded list), else
    `counter` counts it in the database, which costs a scan of the matching index entries: only
    a client that asks for it should pay for that (see count).
    """

    items: Sequence[T]
    cursors: Sequence[str]
    has_next_page: bool
    has_previous_page: bool
    total_count: int | None = None
    counter: Callable[[], Awaitable[int]] | None = None

    async def count(self) -> int:
        """How many items the whole list holds (counted now if not known)."""
        if self.total_count is not None:
            return self.total_count
        assert self.counter is not None, "a page knows its total or how to count it"
        return await self.counter()


def _invalid(field: str = "after") -> DomainError:
    return DomainError.single(ErrorCode.INVALID, "The cursor is not valid for this list", (field,))


def encode_cursor(kind: str, key: Sequence[Any]) -> str:
    """An opaque cursor for the position `key` in a list of `kind`."""
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in key]
    raw = json.dumps([kind, *plain], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode()


@functools.lru_cache(maxsize=1024)
def offset_cursor(kind: str, offset: int) -> str:
    """The cursor of position `offset` in a loaded list of `kind`: the same few, asked for on every page."""
    return encode_cursor(kind, [offset])


def decode_cursor(kind: str, cursor: str, arity: int) -> list[Any]:
    """The raw position a cursor of `kind` stands for; a clear refusal if it is not one."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (binascii.Error, UnicodeError, ValueError, RecursionError):
        decoded = None
    if not isinstance(decoded, list) or len(decoded) != arity + 1 or decoded[0] != kind:
        raise _invalid()
    return decoded[1:]


def checked_key(kind: KeyType, value: Any) -> Any:
    """A cursor's key as the query needs it, or INVALID when its type or range is wrong."""
    if kind is KeyType.INT:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_KEY:
            raise _invalid()
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT_KEY:
        raise _invalid()
    if kind is KeyType.TEXT:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _invalid() from None
    if moment.tzinfo is None:
        raise _invalid()
    return moment


def page_size(first: int | None) -> int:
    """The number of items to return for `first`, refusing values outside 0..MAX_PAGE_SIZE."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise DomainError.single(
            ErrorCode.INVALID,
            "`first` must be between 0 and {max_page_size}, got {first}",
            ("first",),
            max_page_size=MAX_PAGE_SIZE,
            first=first,
        )
    return first


def _after(sort: SortKey, value: Any, last_id: int) -> Q:
    beyond = "lt" if sort.descending else "gt"
    return Q(**{f"{sort.field}__{beyond}": value}) | Q(**{sort.field: value, f"id__{beyond}": last_id})


async def keyset_page(
    queryset: QuerySet[M],
    *,
    kind: str,
    first: int | None,
    after: str | None,
    sort: SortKey = BY_ID,
    key_of: Callable[[M], Any] | None = None,
) -> Page[M]:
    """A page of `queryset` in `sort` order, starting after the cursor `after`.

    `key_of` reads a row's sort key when it is not an attribute of the row (a related field).
    Fetches one row more than asked to know whether another page follows (also for `first: 0`);
    counts the whole list only when the page's count() is awaited.
    """
    size = page_size(first)
    matching = queryset
    position: tuple[Any, int] | None = None
    if after is not None:
        order, raw_value, raw_id = decode_cursor(kind, after, 3)
        if order != sort.name:
            raise _invalid()
        value = None if raw_value is None and sort.nullable else checked_key(sort.kind, raw_value)
        position = (value, checked_key(KeyType.INT, raw_id))
    beyond = "lt" if sort.descending else "gt"
    ordering = [f"-{sort.field}" if sort.descending else sort.field, "-id" if sort.descending else "id"]
    if sort.nullable:  # empty keys last, in one statement: ORDER BY (key IS NULL), key, id
        empty: dict[str, Any] = {f"{sort.field}__isnull": True}
        # RawSQL is a plain term, which Case renders as it is (its annotations ask for expressions).
        flag = Case(When(**empty, then=RawSQL("1")), default=RawSQL("0"))  # type: ignore[arg-type]
        queryset = queryset.annotate(sort_empty=flag)
        ordering.insert(0, "sort_empty")
    if position is not None:
        value, last_id = position
        if value is None:
            after_id: dict[str, Any] = {f"id__{beyond}": last_id}
            queryset = queryset.filter(Q(sort_empty=1) & Q(**after_id))
        elif sort.nullable:
            queryset = queryset.filter(Q(sort_empty=1) | (Q(sort_empty=0) & _after(sort, value, last_id)))
        else:
            queryset = queryset.filter(_after(sort, value, last_id))
    rows = list(await queryset.order_by(*ordering).limit(size + 1))
    items = rows[:size]
    read = key_of or (lambda row: getattr(row, sort.field))
    return Page(
        items=items,
        cursors=[encode_cursor(kind, [sort.name, read(row), row.pk]) for row in items],
        has_next_page=len(rows) > size,
        has_previous_page=after is not None,
        counter=lambda: matching.count(),
    )


def slice_page(items: Sequence[T], *, kind: str, first: int | None, after: str | None) -> Page[T]:
    """A page of an already loaded, ordered list (small nested lists), with offset cursors."""
    size = page_size(first)
    start = 0
    if after is not None:
        (offset,) = decode_cursor(kind, after, 1)
        start = checked_key(KeyType.INT, offset) + 1
    chosen = items[start : start + size]
    return Page(
        items=chosen,
        cursors=[offset_cursor(kind, start + i) for i in range(len(chosen))],
        has_next_page=start + size < len(items),
        has_previous_page=start > 0,
        total_count=len(items),
    )
