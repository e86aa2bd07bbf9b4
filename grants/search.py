"""Word search over a table's folded `search_text`, through the index each backend has for it.

Every word must occur somewhere in the text (a substring, ignoring case and accents: both sides
are folded by grants.text). Without an index that is a LIKE '%word%' over every row. Migration
0009 gives the searchable tables one:

- SQLite: an FTS5 table `<table>_search` with the trigram tokenizer over `search_text` (kept in
  step by triggers). A quoted trigram phrase matches exactly the texts that hold it as a
  substring, so the answers stay those of LIKE; words under three letters have no trigram and
  stay LIKE, narrowing what the index found.
- PostgreSQL: a pg_trgm GIN index on `search_text`, which the planner uses for the same LIKE.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper
from tortoise import connections
from tortoise.models import Model
from tortoise.queryset import QuerySet

from grants.text import fold

M = TypeVar("M", bound=Model)
#: Tables with an FTS5 trigram index on SQLite (migration 0009).
INDEXED = frozenset({"application", "organisation"})
#: The trigram tokenizer indexes runs of three characters; shorter words cannot use it.
TRIGRAM = 3


class _IndexedRows(Term):
    """`(SELECT rowid FROM <table>_search WHERE <table>_search MATCH ?)`, the query a parameter."""

    def __init__(self, table: str, query: str) -> None:
        super().__init__()
        self.table = table
        self.query = query

    def get_sql(self, ctx: SqlContext) -> str:
        index = f'"{self.table}_search"'
        return f"(SELECT rowid FROM {index} WHERE {index} MATCH {ValueWrapper(self.query).get_sql(ctx)})"


def phrase(word: str) -> str:
    """`word` as an FTS5 string: taken literally, whatever quotes or operators it holds."""
    return '"' + word.replace('"', '""') + '"'


def search_words(text: str | None) -> list[str]:
    """The folded words of a search text; none for a blank one."""
    return fold(text).split() if text and text.strip() else []


def matching(queryset: QuerySet[M], text: str | None) -> QuerySet[M]:
    """`queryset` narrowed to rows whose search text holds every word of `text`."""
    words = search_words(text)
    if not words:
        return queryset
    table = queryset.model._meta.db_table
    indexed: list[str] = []
    if table in INDEXED and connections.get("default").capabilities.dialect == "sqlite":
        indexed = [word for word in words if len(word) >= TRIGRAM]
    if indexed:
        rows: Any = _IndexedRows(table, " ".join(phrase(word) for word in indexed))
        queryset = queryset.filter(id__in=rows)
    for word in words:
        if word not in indexed:
            queryset = queryset.filter(search_text__contains=word)
    return queryset
