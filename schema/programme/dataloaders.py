"""DataLoaders of the programme domain, one per relation, answering in key order."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from grants.models import FundingArea, Programme


async def _funding_areas_by_id(keys: Sequence[int]) -> list[FundingArea | None]:
    rows = {row.id: row for row in await FundingArea.filter(id__in=list(set(keys)))}
    return [rows.get(key) for key in keys]


async def _programmes_by_id(keys: Sequence[int]) -> list[Programme | None]:
    rows = {row.id: row for row in await Programme.filter(id__in=list(set(keys)))}
    return [rows.get(key) for key in keys]


async def _funding_areas_by_programme(keys: Sequence[int]) -> list[list[FundingArea]]:
    programmes = await Programme.filter(id__in=list(set(keys))).prefetch_related("funding_areas")
    by_programme = {
        programme.id: sorted(programme.funding_areas, key=lambda area: (area.position, area.id))
        for programme in programmes
    }
    return [by_programme.get(key, []) for key in keys]


class FundingAreaByIdLoader(DataLoader[int, FundingArea | None]):
    """Funding areas by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_funding_areas_by_id)


class ProgrammeByIdLoader(DataLoader[int, Programme | None]):
    """Programmes by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_programmes_by_id)


class FundingAreasByProgrammeLoader(DataLoader[int, list[FundingArea]]):
    """The funding areas of a programme phase, in display order."""

    def __init__(self) -> None:
        super().__init__(load_fn=_funding_areas_by_programme)
