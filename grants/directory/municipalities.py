"""Municipality profiles: BFS number and the statistics the programme plans with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from grants import audit
from grants.atomic import atomic
from grants.models import MunicipalityProfile, Organisation, OrganisationKind


async def save_municipality_profile(
    *,
    organisation: Organisation,
    bfs_number: int,
    district: str | None,
    population: int | None,
    foreign_national_share: Decimal | None,
    population_year: int | None,
    source: str | None,
) -> MunicipalityProfile:
    """Create or update the profile of a municipality organisation (idempotent, audited)."""
    if organisation.kind is not OrganisationKind.MUNICIPALITY:
        raise ValueError(f"{organisation.slug} is not a municipality")
    if foreign_national_share is not None and not Decimal(0) <= foreign_national_share <= Decimal(1):
        raise ValueError(f"{organisation.slug}: a share lies between 0 and 1")
    values: dict[str, Any] = {
        "bfs_number": bfs_number,
        "district": district,
        "population": population,
        "foreign_national_share": foreign_national_share,
        "population_year": population_year,
        "source": source,
    }
    profile = await MunicipalityProfile.get_or_none(organisation_id=organisation.id)
    changed = values if profile is None else {k: v for k, v in values.items() if getattr(profile, k) != v}
    if not changed:
        return profile  # type: ignore[return-value]
    async with atomic():
        if profile is None:
            profile = await MunicipalityProfile.create(organisation=organisation, **values)
        else:
            await profile.update_from_dict(changed).save()
        await audit.record(
            actor=None,
            action="municipality_profile.save",
            entity_type="MunicipalityProfile",
            entity_id=profile.id,
            changes={k: str(v) for k, v in changed.items()},
        )
    return profile
