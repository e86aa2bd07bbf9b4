"""Resolvers that wait only when they must: a loaded value at once, an awaitable while it is loading.

graphql-core runs a field whose resolver returns a plain value in line; an awaitable (every call of
an `async def` resolver) costs a coroutine, an await in the executor and, inside lists, a task per
item — for a field whose DataLoader holds the value already, that is all overhead. So resolvers
backed by a DataLoader are plain functions returning `then(loader.load(key), convert)`: the value
when the loader has it, else an awaitable of it. List resolvers fill the loaders beforehand with
what their page will need (`selects` tells what the query asks for), so that nested fields find
their rows loaded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any, TypeAlias, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField, Selection

T = TypeVar("T")
R = TypeVar("R")

#: What a resolver built on `then` returns: the value, or an awaitable of it (graphql-core takes both).
Later: TypeAlias = T | Awaitable[T]


def then(loaded: Awaitable[T], convert: Callable[[T], R]) -> Later[R]:
    """`convert` of what a DataLoader's `load` gives: at once if the loader has it, else when it has."""
    if isinstance(loaded, asyncio.Future) and loaded.done():
        return convert(loaded.result())  # raises the loader's error, as awaiting it would

    async def converted() -> R:
        return convert(await loaded)

    return converted()


def _fields(selections: Sequence[Selection]) -> Iterator[SelectedField]:
    """The fields of a selection set, those inside fragments included."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


def selects(info: strawberry.Info[Any, Any], path: str) -> bool:
    """True if the query asks for `path` below the field being resolved.

    `path` is GraphQL field names joined by dots, e.g. "edges.node.services". Fragments count,
    aliases do not matter, @skip and @include are not looked at: an answer of True for a skipped
    field only loads rows that go unused.
    """
    level: list[Selection] = [child for field in info.selected_fields for child in field.selections]
    for name in path.split("."):
        matching = [field for field in _fields(level) if field.name == name]
        if not matching:
            return False
        level = [child for field in matching for child in field.selections]
    return True
