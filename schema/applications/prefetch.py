"""Fill the DataLoaders for a page of applications with what the query asks of them.

The same batches the nested fields would send, sent by the list resolver before it returns its
page, so that each nested field resolves in line (schema/base/loading.py). Reviews and notes are
left to their fields: whether they are loaded at all depends on who asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry

from grants.models import Application
from schema.base.loading import selects
from schema.context import Loaders

#: (a field of Application, the loader its resolver reads in Loaders, the row's key in that loader)
PREFETCHED = (
    ("call", "call", "call_id"),
    ("applicant", "organisation", "applicant_id"),
    ("fundingArea", "funding_area", "funding_area_id"),
    ("municipalities", "municipalities_by_application", "id"),
    ("budgetLines", "budget_lines", "id"),
    ("totalCost", "budget_lines", "id"),
    ("reports", "reports", "id"),
    ("award", "award", "id"),
    ("events", "events", "id"),
)


async def prefetch_applications(
    info: strawberry.Info[Any, Any], rows: Sequence[Application], under: str
) -> None:
    """Load, a batch per relation, what `under` (e.g. "edges.node") selects of these applications."""
    loaders: Loaders = info.context.loaders
    for field, loader, key in PREFETCHED:
        if rows and selects(info, f"{under}.{field}"):
            keys = dict.fromkeys(getattr(row, key) for row in rows)  # each once, in page order
            await getattr(loaders, loader).load_many(list(keys))
