"""Relay cursor connections with totalCount, built from a grants Page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from grants.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page

T = TypeVar("T")
R = TypeVar("R")

#: The `first` argument of every list that pages.
First = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many items to return, 0 to {MAX_PAGE_SIZE} (more is refused with INVALID); "
        f"default {DEFAULT_PAGE_SIZE}. The query's cost counts what each item selects `first` times."
    ),
]
#: The `after` argument of every list that pages.
After = Annotated[
    str | None,
    strawberry.argument(
        description="Continue behind this cursor: an edge's `cursor` or `pageInfo.endCursor` of the "
        "same list and order (another list's cursor is refused with INVALID); default: from the start."
    ),
]


@strawberry.type(description="Where a page lies in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True if more items follow: ask again with `after: endCursor`."
    )
    has_previous_page: bool = strawberry.field(description="True if this page started after a cursor.")
    start_cursor: str | None = strawberry.field(description="The first edge's cursor; null on an empty page.")
    end_cursor: str | None = strawberry.field(
        description="The last edge's cursor, to pass as `after` for the next page; null on an empty page."
    )


@strawberry.type(description="One item of a page and its position.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque position of this item; pass it as `after` to continue behind it."
    )
    node: T = strawberry.field(description="The item.")


@strawberry.type(
    description="A page of a list (Relay cursor connection): go on with `first` and `after: "
    "pageInfo.endCursor` until `hasNextPage` is false. Pages hold at most 100 items."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's items in the list's order.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more items follow.")
    # Counting a long list scans an index: done only when a client selects totalCount.
    page: strawberry.Private[Page[Any]]

    @strawberry.field(description="How many items the whole list holds with this filter, on every page.")
    def total_count(self) -> int:
        # A loaded list knows its length at once (a plain resolver, no task); a database list
        # hands the executor the count to await, which graphql-core does for any awaitable.
        known = self.page.total_count
        return known if known is not None else self.page.count()  # type: ignore[return-value]

    @classmethod
    def from_page(cls, page: Page[R], convert: Callable[[R], T]) -> Connection[T]:
        """The connection showing `page`, each row turned into its GraphQL type by `convert`."""
        edges = [
            Edge(cursor=cursor, node=convert(item))
            for item, cursor in zip(page.items, page.cursors, strict=True)
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=page.cursors[0] if page.cursors else None,
                end_cursor=page.cursors[-1] if page.cursors else None,
            ),
            page=page,
        )
