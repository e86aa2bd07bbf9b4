"""Fill the directory's DataLoaders for a page of organisations with what the query asks of them.

A list resolver calls this before it returns its page: one batch per relation, the same statements
the nested fields would have sent, but sent now, so that each nested field finds its rows loaded
and resolves in line instead of waiting (schema/base/loading.py). What the query does not ask for
is not loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry

from grants.models import Organisation, OrganisationKind
from schema.base.loading import selects


async def prefetch_organisations(
    info: strawberry.Info[Any, Any], rows: Sequence[Organisation], under: str
) -> None:
    """Prime the loaders with `rows` and load what `under` (e.g. "edges.node") selects of them."""
    loaders = info.context.loaders
    for row in rows:  # nested providers and relationship ends are often on the page itself
        loaders.organisation.prime(row.id, row)
    ids = [row.id for row in rows]
    if selects(info, f"{under}.services"):
        services = await loaders.services_by_organisation.load_many(ids)
        if selects(info, f"{under}.services.edges.node.fundingArea"):
            areas = {row.funding_area_id for group in services for row in group}
            await loaders.funding_area.load_many([area for area in areas if area is not None])
    if selects(info, f"{under}.relationships"):
        # Their ends are not loaded here: one end is the organisation itself, on the page; the
        # other often is too, and only the page of relationships each shows needs its ends.
        await loaders.relationships_by_organisation.load_many(ids)
    if selects(info, f"{under}.municipality"):
        municipalities = [row.id for row in rows if row.kind is OrganisationKind.MUNICIPALITY]
        await loaders.municipality_profile.load_many(municipalities)
