"""DataLoaders of applications: lines, places, reviews, awards, tranches, events, users; key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from grants.models import (
    Application,
    ApplicationEvent,
    Award,
    BudgetLine,
    Indicator,
    InternalNote,
    Organisation,
    PaymentTranche,
    ProjectReport,
    Review,
    User,
)

M = TypeVar("M", bound=Model)


async def _grouped(model: type[M], key: str, keys: Sequence[int], *order: str) -> list[list[M]]:
    grouped: defaultdict[int, list[M]] = defaultdict(list)
    for row in await model.filter(**{f"{key}__in": list(set(keys))}).order_by(*order):
        grouped[getattr(row, key)].append(row)
    return [grouped[k] for k in keys]


async def _by(model: type[M], key: str, keys: Sequence[Any]) -> list[M | None]:
    rows = {getattr(row, key): row for row in await model.filter(**{f"{key}__in": list(set(keys))})}
    return [rows.get(k) for k in keys]


async def _municipalities(keys: Sequence[int]) -> list[list[Organisation]]:
    applications = await Application.filter(id__in=list(set(keys))).prefetch_related("municipalities")
    by_id = {a.id: sorted(a.municipalities, key=lambda o: o.sort_name) for a in applications}
    return [by_id.get(key, []) for key in keys]


class ApplicationByIdLoader(DataLoader[int, Application | None]):
    """Applications by primary key (visibility is checked by the caller)."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _by(Application, "id", keys))


class BudgetLinesByApplicationLoader(DataLoader[int, list[BudgetLine]]):
    """The budget lines of an application, in order."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(BudgetLine, "application_id", keys, "position", "id"))


class MunicipalitiesByApplicationLoader(DataLoader[int, list[Organisation]]):
    """The municipalities where an application's project takes place."""

    def __init__(self) -> None:
        super().__init__(load_fn=_municipalities)


class ReviewsByApplicationLoader(DataLoader[int, list[Review]]):
    """The reviews of an application (for staff only; the resolver checks)."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(Review, "application_id", keys, "id"))


class AwardByApplicationLoader(DataLoader[int, Award | None]):
    """The award of an application, if approved."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _by(Award, "application_id", keys))


class TranchesByAwardLoader(DataLoader[int, list[PaymentTranche]]):
    """The payment tranches of an award, in order."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(PaymentTranche, "award_id", keys, "position", "id"))


class EventsByApplicationLoader(DataLoader[int, list[ApplicationEvent]]):
    """The history of an application, oldest first."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(ApplicationEvent, "application_id", keys, "id"))


class UserByIdLoader(DataLoader[int, User | None]):
    """Users by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _by(User, "id", keys))


class IndicatorByCodeLoader(DataLoader[str, Indicator | None]):
    """Indicators by code."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _by(Indicator, "code", keys))


class ReportsByApplicationLoader(DataLoader[int, list[ProjectReport]]):
    """The project reports of an application, oldest first."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(ProjectReport, "application_id", keys, "id"))


class NotesByApplicationLoader(DataLoader[int, list[InternalNote]]):
    """The internal notes of an application (for staff only; the resolver checks)."""

    def __init__(self) -> None:
        super().__init__(load_fn=lambda keys: _grouped(InternalNote, "application_id", keys, "id"))
