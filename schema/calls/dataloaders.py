"""DataLoaders of funding calls: the call, its criteria and its funding areas, in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from grants.models import FundingArea, FundingCall, ReviewCriterion


async def _calls(keys: Sequence[int]) -> list[FundingCall | None]:
    rows = {row.id: row for row in await FundingCall.filter(id__in=list(set(keys)))}
    return [rows.get(key) for key in keys]


async def _criteria(keys: Sequence[int]) -> list[list[ReviewCriterion]]:
    grouped: defaultdict[int, list[ReviewCriterion]] = defaultdict(list)
    for row in await ReviewCriterion.filter(call_id__in=list(set(keys))).order_by("position", "id"):
        grouped[row.call_id].append(row)
    return [grouped[key] for key in keys]


async def _areas(keys: Sequence[int]) -> list[list[FundingArea]]:
    calls = await FundingCall.filter(id__in=list(set(keys))).prefetch_related("funding_areas")
    by_call = {call.id: sorted(call.funding_areas, key=lambda a: (a.position, a.id)) for call in calls}
    return [by_call.get(key, []) for key in keys]


class CallByIdLoader(DataLoader[int, FundingCall | None]):
    """Funding calls by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_calls)


class CriteriaByCallLoader(DataLoader[int, list[ReviewCriterion]]):
    """The review criteria of a call, in order."""

    def __init__(self) -> None:
        super().__init__(load_fn=_criteria)


class FundingAreasByCallLoader(DataLoader[int, list[FundingArea]]):
    """The funding areas a call funds."""

    def __init__(self) -> None:
        super().__init__(load_fn=_areas)
