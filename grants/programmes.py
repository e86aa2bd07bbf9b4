"""Programme phases, funding areas and indicators: reading them and keeping them up to date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from grants import audit
from grants.atomic import atomic
from grants.models import FundingArea, Indicator, Organisation, Pillar, Programme

#: The programme's calendar: a phase's years are Swiss years.
SWISS_TIME = ZoneInfo("Europe/Zurich")


async def list_programmes() -> list[Programme]:
    """All programme phases, oldest first."""
    return await Programme.all().order_by("start_year", "id")


async def programme_by_code(code: str) -> Programme | None:
    """The programme phase with this code (e.g. KIP2), if any."""
    return await Programme.get_or_none(code__iexact=code.strip())


async def current_programme(year: int) -> Programme | None:
    """The phase running in `year`, else the latest that began before it, else the first one."""
    phases = await list_programmes()
    begun = [phase for phase in phases if phase.start_year <= year]
    return begun[-1] if begun else (phases[0] if phases else None)


async def list_funding_areas() -> list[FundingArea]:
    """All funding areas in their display order."""
    return await FundingArea.all().order_by("position", "id")


async def save_funding_area(
    *, code: str, pillar: Pillar, name: Mapping[str, str], position: int
) -> FundingArea:
    """Create or update the funding area `code` (idempotent; changes are audited)."""
    values = {"pillar": pillar, "name": dict(name), "position": position}
    area, created = await FundingArea.get_or_create(code=code, defaults=values)
    changed = {k: v for k, v in values.items() if getattr(area, k) != v}
    if created or changed:
        async with atomic():
            if changed:
                await area.update_from_dict(changed).save()
            await audit.record(
                actor=None,
                action="funding_area.save",
                entity_type="FundingArea",
                entity_id=area.id,
                changes={"code": code, **{k: str(v) for k, v in values.items()}},
            )
    return area


async def save_indicator(*, code: str, name: Mapping[str, str], position: int) -> Indicator:
    """Create or update the indicator `code` (idempotent; changes are audited)."""
    indicator, created = await Indicator.get_or_create(
        code=code, defaults={"name": dict(name), "position": position}
    )
    if created or indicator.name != name or indicator.position != position:
        async with atomic():
            await indicator.update_from_dict({"name": dict(name), "position": position}).save()
            await audit.record(
                actor=None,
                action="indicator.save",
                entity_type="Indicator",
                entity_id=indicator.id,
                changes={"code": code, "name": dict(name)},
            )
    return indicator


async def save_programme(
    *, code: str, name: Mapping[str, str], start_year: int, end_year: int, funding_areas: Sequence[str]
) -> Programme:
    """Create or update the programme `code` with its funding areas (by code; idempotent, audited)."""
    if end_year < start_year:
        raise ValueError(f"{code}: ends before it starts")
    areas = await FundingArea.filter(code__in=list(funding_areas))
    missing = set(funding_areas) - {area.code for area in areas}
    if missing:
        raise ValueError(f"{code}: unknown funding areas {sorted(missing)}")
    values = {"name": dict(name), "start_year": start_year, "end_year": end_year}
    async with atomic():
        programme, created = await Programme.get_or_create(code=code, defaults=values)
        changed = {k: v for k, v in values.items() if getattr(programme, k) != v}
        if changed:
            await programme.update_from_dict(changed).save()
        current = {area.id for area in await programme.funding_areas.all()}
        wanted = {area.id for area in areas}
        if current != wanted:
            await programme.funding_areas.clear()
            await programme.funding_areas.add(*areas)
        if created or changed or current != wanted:
            await audit.record(
                actor=None,
                action="programme.save",
                entity_type="Programme",
                entity_id=programme.id,
                changes={"code": code, **values, "funding_areas": sorted(funding_areas)},
            )
    return programme


async def list_indicators() -> list[Indicator]:
    """All indicators in their display order."""
    return await Indicator.all().order_by("position", "id")


async def assign_owner(*, code: str, owner: str) -> bool:
    """Record the organisation `owner` (a slug) as the office running phase `code`, if none is yet.

    An owner someone already recorded is kept, so seeding again never undoes a change (audited).
    Returns whether the owner was set now.
    """
    async with atomic():
        programme = await Programme.filter(code=code).select_for_update().first()
        organisation = await Organisation.get_or_none(slug=owner)
        if programme is None or organisation is None or programme.owner_id is not None:
            return False
        programme.owner_id = organisation.id
        await programme.save(update_fields=["owner_id"])
        await audit.record(
            actor=None,
            action="programme.owner",
            entity_type="Programme",
            entity_id=programme.id,
            changes={"code": code, "owner": owner},
        )
    return True
