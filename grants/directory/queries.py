"""Finding partners and services: filters, search, pages, the network and paths between partners."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from grants.codes import normalise_code
from grants.directory.graph import (
    MAX_NETWORK_DEPTH,
    MAX_PATH_LENGTH,
    Edge,
    next_layer,
    path_to,
    record_parents,
)
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.languages import LANGUAGE_CODE_PROBLEM, is_language_code
from grants.models import FundingArea, Organisation, OrganisationKind, Relationship, RelationshipKind, Service
from grants.pagination import KeyType, Page, SortKey, keyset_page
from grants.search import matching
from grants.showing import for_showing

M = TypeVar("M", Organisation, Service)
#: Directory lists are alphabetical by German name, regardless of case and accents.
BY_NAME = SortKey("sort_name", KeyType.TEXT)


@dataclass(frozen=True, slots=True)
class DirectoryFilter:
    """What a directory list is narrowed to; every part is optional."""

    kinds: Sequence[OrganisationKind] = ()
    search: str | None = None
    language: str | None = None
    funding_area: str | None = None
    include_retired: bool = False


@dataclass(frozen=True, slots=True)
class PartnerNetwork:
    """Organisations within some steps of a root, and the relationships that connect them."""

    organisations: list[Organisation] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


async def _narrowed(queryset: QuerySet[M], f: DirectoryFilter, *, on_services: bool) -> QuerySet[M]:
    problems: list[Problem] = []
    queryset = matching(queryset, f.search)
    if f.language is not None:
        code = f.language.strip().lower()
        if not is_language_code(code):
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    LANGUAGE_CODE_PROBLEM,
                    ("language",),
                    language=f.language,
                )
            )
        queryset = queryset.filter(language_tags__contains=f"|{code}|")
    if f.funding_area is not None:
        area = await FundingArea.get_or_none(code=normalise_code(f.funding_area))
        if area is None:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "No funding area {funding_area!r}",
                    ("fundingArea",),
                    funding_area=f.funding_area,
                )
            )
        elif on_services:
            queryset = queryset.filter(funding_area_id=area.id)
        else:
            providers = Service.filter(funding_area_id=area.id).values("provider_id")
            queryset = queryset.filter(id__in=Subquery(providers))
    raise_if_any(problems)
    return queryset


async def list_organisations(
    *, filter: DirectoryFilter, first: int | None, after: str | None
) -> Page[Organisation]:
    """A page of organisations matching `filter`, in alphabetical order of their German name.

    Retired organisations are left out unless the filter asks for them.
    """
    queryset: QuerySet[Organisation] = Organisation.all()
    if not filter.include_retired:
        queryset = queryset.filter(retired_at__isnull=True)
    if filter.kinds:
        queryset = queryset.filter(kind__in=list(filter.kinds))
    queryset = await _narrowed(queryset, filter, on_services=False)
    return await keyset_page(
        for_showing(queryset), kind="Organisation", sort=BY_NAME, first=first, after=after
    )


async def list_services(*, filter: DirectoryFilter, first: int | None, after: str | None) -> Page[Service]:
    """A page of services matching `filter`, in alphabetical order of their German name."""
    queryset = await _narrowed(Service.all(), filter, on_services=True)
    return await keyset_page(for_showing(queryset), kind="Service", sort=BY_NAME, first=first, after=after)


async def organisation_by_slug(slug: str) -> Organisation | None:
    """The organisation with this slug, if any."""
    return await Organisation.get_or_none(slug=slug)


async def _require(slug: str, field_name: str) -> Organisation:
    organisation = await Organisation.get_or_none(slug=slug)
    if organisation is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No organisation {slug!r}", (field_name,), slug=slug)
    return organisation


async def _edges_touching(nodes: set[int], kinds: Sequence[RelationshipKind]) -> list[Relationship]:
    queryset = Relationship.filter(Q(source_id__in=nodes) | Q(target_id__in=nodes))
    if kinds:
        queryset = queryset.filter(kind__in=list(kinds))
    return await queryset.order_by("id")


async def partner_network(
    *, root: str, depth: int = 1, kinds: Sequence[RelationshipKind] = ()
) -> PartnerNetwork:
    """The partners within `depth` steps of `root` (either direction) and the relationships used."""
    if not 0 <= depth <= MAX_NETWORK_DEPTH:
        raise DomainError.single(
            ErrorCode.INVALID,
            "`depth` must be between 0 and {max_network_depth}, got {depth}",
            ("depth",),
            max_network_depth=MAX_NETWORK_DEPTH,
            depth=depth,
        )
    start = await _require(root, "root")
    seen, frontier = {start.id}, {start.id}
    distance = {start.id: 0}
    relationships: dict[int, Relationship] = {}
    for step in range(1, depth + 1):
        if not frontier:
            break
        rows = await _edges_touching(frontier, kinds)
        by_id = {row.id: row for row in rows}
        reached, used = next_layer(frontier, [Edge(r.id, r.source_id, r.target_id) for r in rows], seen)
        relationships.update((edge.id, by_id[edge.id]) for edge in used)
        for node in reached:
            distance[node] = step
        seen |= reached
        frontier = reached
    organisations = await Organisation.filter(id__in=seen)
    organisations.sort(key=lambda o: (distance[o.id], o.sort_name, o.id))
    return PartnerNetwork(organisations, sorted(relationships.values(), key=lambda r: r.id))


async def relationship_path(*, source: str, target: str) -> list[Relationship]:
    """The shortest chain of relationships between two partners in either direction; empty if none."""
    problems: list[Problem] = []
    ends: list[Organisation] = []
    for slug, name in ((source, "from"), (target, "to")):
        try:
            ends.append(await _require(slug, name))
        except DomainError as error:
            problems.extend(error.problems)
    raise_if_any(problems)
    start, goal = ends[0].id, ends[1].id
    parents: dict[int, Edge | None] = {start: None}
    frontier = {start}
    rows_by_id: dict[int, Relationship] = {}
    for _ in range(MAX_PATH_LENGTH):
        if goal in parents or not frontier:
            break
        rows = await _edges_touching(frontier, ())
        rows_by_id.update((row.id, row) for row in rows)
        frontier = record_parents(frontier, [Edge(r.id, r.source_id, r.target_id) for r in rows], parents)
    if goal not in parents:
        return []
    return [rows_by_id[edge.id] for edge in path_to(goal, parents)]
