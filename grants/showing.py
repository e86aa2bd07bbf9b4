"""Rows fetched to be shown: every column but those no reader shows, so none is read or parsed in vain.

Timestamps of bookkeeping and the derived search columns are never shown, yet a full row reads
them all and parses each timestamp (SQLite hands them over as text): on a page of a hundred rows
that is a good part of the time spent building rows. Rows fetched this way are partial, for
reading only (Tortoise refuses to save them whole).
"""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)

#: Columns no list or page shows: when a row was written, and what search and filters match on.
UNSHOWN = frozenset({"created_at", "updated_at", "search_text", "language_tags"})


def for_showing(queryset: QuerySet[M]) -> QuerySet[M]:
    """`queryset` reading every column of its model but the UNSHOWN ones."""
    return queryset.only(*sorted(queryset.model._meta.db_fields - UNSHOWN))
