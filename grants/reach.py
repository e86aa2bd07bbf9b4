"""Where the programme reaches: projects and money per municipality, next to its population.

A project that takes place in several municipalities counts as one project in each, and its award
is shared equally among them (the last share takes the rounding rest), so the money of all
municipalities adds up to the awards of projects that name municipalities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from grants.errors import DomainError, ErrorCode
from grants.models import Application, ApplicationStatus, Award, MunicipalityProfile, Organisation, Programme
from grants.money import CENT

ZERO = Decimal("0.00")


class ReachOrder(StrEnum):
    """How the municipal view is sorted (largest first)."""

    FOREIGN_SHARE = "FOREIGN_SHARE"
    MONEY_PER_INHABITANT = "MONEY_PER_INHABITANT"
    PROJECTS = "PROJECTS"


@dataclass(frozen=True, slots=True)
class MunicipalReach:
    """The programme's figures in one municipality."""

    municipality: Organisation
    profile: MunicipalityProfile
    project_count: int
    awarded: Decimal

    @property
    def per_inhabitant(self) -> Decimal:
        """Awarded money per inhabitant (0 without a population)."""
        population = self.profile.population or 0
        return (self.awarded / population).quantize(CENT) if population else ZERO


def shares(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` equal shares rounded down to centimes; the last takes the rest."""
    each = (total / parts).quantize(CENT, rounding=ROUND_DOWN)
    return [each] * (parts - 1) + [total - each * (parts - 1)]


def cantonal_foreign_share(profiles: Sequence[MunicipalityProfile]) -> Decimal:
    """The foreign-national share of all the municipalities together (weighted by population)."""
    people = sum(p.population or 0 for p in profiles)
    foreign = sum((p.population or 0) * (p.foreign_national_share or 0) for p in profiles)
    return (Decimal(foreign) / people).quantize(Decimal("0.0001")) if people else Decimal(0)


def ordered(rows: list[MunicipalReach], order: ReachOrder) -> list[MunicipalReach]:
    """Largest first by `order`, ties by name."""

    def key(row: MunicipalReach) -> Decimal:
        if order is ReachOrder.FOREIGN_SHARE:
            return row.profile.foreign_national_share or Decimal(0)
        if order is ReachOrder.MONEY_PER_INHABITANT:
            return row.per_inhabitant
        return Decimal(row.project_count)

    return sorted(rows, key=lambda row: (-key(row), row.municipality.sort_name))


async def municipal_reach(*, programme_code: str | None, order: ReachOrder) -> list[MunicipalReach]:
    """Every municipality with its projects and money (of one programme phase, or of all)."""
    applications = Application.filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.CLOSED])
    if programme_code is not None:
        programme = await Programme.get_or_none(code__iexact=programme_code.strip())
        if programme is None:
            raise DomainError.single(
                ErrorCode.INVALID,
                "No programme {programme!r}",
                ("programme",),
                programme=programme_code,
            )
        applications = applications.filter(call__programme_id=programme.id)
    funded = await applications.prefetch_related("municipalities")
    awards = {
        a.application_id: a.amount for a in await Award.filter(application_id__in=[f.id for f in funded])
    }
    counts: dict[int, int] = defaultdict(int)
    money: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for application in funded:
        places = sorted(application.municipalities, key=lambda o: o.id)
        if not places or application.id not in awards:
            continue
        for place, share in zip(places, shares(awards[application.id], len(places)), strict=True):
            counts[place.id] += 1
            money[place.id] += share
    profiles = await MunicipalityProfile.all().prefetch_related("organisation")
    rows = [
        MunicipalReach(p.organisation, p, counts[p.organisation.id], money[p.organisation.id])
        for p in profiles
    ]
    return ordered(rows, order)
