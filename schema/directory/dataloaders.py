"""One DataLoader per directory relation; each batches its keys into one query, answers in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader
from tortoise.expressions import Q

from grants.models import MunicipalityProfile, Organisation, Relationship, Service
from grants.showing import for_showing


async def _organisations_by_id(keys: Sequence[int]) -> list[Organisation | None]:
    rows = {row.id: row for row in await for_showing(Organisation.filter(id__in=list(set(keys))))}
    return [rows.get(key) for key in keys]


async def _services_by_id(keys: Sequence[int]) -> list[Service | None]:
    rows = {row.id: row for row in await for_showing(Service.filter(id__in=list(set(keys))))}
    return [rows.get(key) for key in keys]


async def _relationships_by_id(keys: Sequence[int]) -> list[Relationship | None]:
    rows = {row.id: row for row in await for_showing(Relationship.filter(id__in=list(set(keys))))}
    return [rows.get(key) for key in keys]


async def _services_by_organisation(keys: Sequence[int]) -> list[list[Service]]:
    grouped: defaultdict[int, list[Service]] = defaultdict(list)
    services = for_showing(Service.filter(provider_id__in=list(set(keys))))
    for row in await services.order_by("sort_name", "id"):
        grouped[row.provider_id].append(row)
    return [grouped[key] for key in keys]


async def _relationships_by_organisation(keys: Sequence[int]) -> list[list[Relationship]]:
    wanted = list(set(keys))
    grouped: defaultdict[int, list[Relationship]] = defaultdict(list)
    rows = await for_showing(Relationship.filter(Q(source_id__in=wanted) | Q(target_id__in=wanted))).order_by(
        "id"
    )
    for row in rows:
        grouped[row.source_id].append(row)
        if row.target_id != row.source_id:
            grouped[row.target_id].append(row)
    return [grouped[key] for key in keys]


async def _profiles_by_organisation(keys: Sequence[int]) -> list[MunicipalityProfile | None]:
    rows = {
        row.organisation_id: row
        for row in await MunicipalityProfile.filter(organisation_id__in=list(set(keys)))
    }
    return [rows.get(key) for key in keys]


class OrganisationByIdLoader(DataLoader[int, Organisation | None]):
    """Organisations by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_organisations_by_id)


class ServiceByIdLoader(DataLoader[int, Service | None]):
    """Services by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_services_by_id)


class RelationshipByIdLoader(DataLoader[int, Relationship | None]):
    """Relationships by primary key."""

    def __init__(self) -> None:
        super().__init__(load_fn=_relationships_by_id)


class ServicesByOrganisationLoader(DataLoader[int, list[Service]]):
    """The services an organisation provides, alphabetically."""

    def __init__(self) -> None:
        super().__init__(load_fn=_services_by_organisation)


class RelationshipsByOrganisationLoader(DataLoader[int, list[Relationship]]):
    """Every relationship in which an organisation is source or target."""

    def __init__(self) -> None:
        super().__init__(load_fn=_relationships_by_organisation)


class MunicipalityProfileByOrganisationLoader(DataLoader[int, MunicipalityProfile | None]):
    """The municipality profile of an organisation, if it is a municipality."""

    def __init__(self) -> None:
        super().__init__(load_fn=_profiles_by_organisation)
