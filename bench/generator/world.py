"""What generated applications need around them: staff, NGOs with applicant accounts, and calls.

Made through the domain (create_user, create_organisation, create_call), so references, audit
records and search text are what kipnet itself writes. Applicant accounts are the exception:
hashing a password per account would cost seconds per hundred, so they share one hash of a random
password nobody is told, and their audit records are written beside them.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from argon2 import PasswordHasher

from bench.generator import words
from bench.generator.lifecycle import CallInfo
from grants.accounts import ensure_account
from grants.calls import create_call
from grants.directory.editing import create_organisation
from grants.models import AuditRecord, Indicator, Organisation, OrganisationKind, Programme, Role, User

DOMAIN = "bench.kipnet.example"
REVIEWERS, APPROVERS = 5, 3
FIRST_YEAR = 2018
#: Most applications one call gets; more applications make more calls.
APPLICATIONS_PER_CALL = 500
MAX_AMOUNT = Decimal("80000.00")
#: A call's budget covers this share of its applications at the average request.
FUNDED_SHARE = Decimal("0.7")


@dataclass(frozen=True, slots=True)
class World:
    """The accounts, organisations and calls applications are generated among."""

    admin: User
    reviewers: tuple[int, ...]
    approvers: tuple[int, ...]
    applicants: tuple[tuple[int, int], ...]  # (organisation id, user id)
    places: tuple[tuple[int, str], ...]
    indicators: tuple[str, ...]
    calls: tuple[CallInfo, ...]


async def _staff(role: Role, number: int) -> User:
    return await ensure_account(
        email=f"{role.value.lower()}-{number}@{DOMAIN}",
        role=role,
        display_name=f"{role.value.title()} {number} (generiert)",
    )


async def _ngos(admin: User, count: int) -> tuple[tuple[int, int], ...]:
    """`count` generated NGOs, each with one applicant account; existing ones are reused."""
    found: list[tuple[int, int]] = []
    shared_hash = PasswordHasher().hash(secrets.token_urlsafe(32))
    for index in range(count):
        slug = f"bench-ngo-{index + 1}"
        organisation = await Organisation.get_or_none(slug=slug)
        if organisation is None:
            name = words.organisation_name(index)
            organisation = await create_organisation(
                actor=admin,
                values={
                    "slug": slug,
                    "kind": OrganisationKind.NGO,
                    "name": {"de": name},
                    "languages": ["de"],
                },
            )
        email = f"{slug}@{DOMAIN}"
        user = await User.get_or_none(email=email)
        if user is None:
            user = await User.create(
                email=email,
                display_name=f"Gesuchstellerin {slug}",
                role=Role.APPLICANT,
                organisation=organisation,
                password_hash=shared_hash,
            )
            await AuditRecord.create(
                actor=admin,
                action="user.create",
                entity_type="User",
                entity_id=user.id,
                changes={"email": email, "role": Role.APPLICANT.value, "organisation": slug},
            )
        found.append((organisation.id, user.id))
    return tuple(found)


def _windows(count: int, now: datetime) -> list[tuple[datetime, datetime]]:
    """`count` call windows spread from FIRST_YEAR to now; the latest are still open."""
    first = datetime(FIRST_YEAR, 1, 15, 8, tzinfo=UTC)
    last = now - timedelta(days=20)
    step = (last - first) / max(1, count - 1)
    return [(first + step * i, first + step * i + timedelta(days=75)) for i in range(count)]


async def _calls(admin: User, applications: int, now: datetime) -> tuple[CallInfo, ...]:
    programmes = list(await Programme.all().order_by("start_year"))
    years = max(1, now.year - FIRST_YEAR + 1)
    count = max(years, math.ceil(applications / APPLICATIONS_PER_CALL))
    per_call = Decimal(applications) / count
    budget = (per_call * FUNDED_SHARE * MAX_AMOUNT / 2).quantize(Decimal(1000))
    made: list[CallInfo] = []
    for opens, closes in _windows(count, now):
        start = (closes + timedelta(days=45)).date()
        programme = next((p for p in programmes if p.start_year <= start.year <= p.end_year), None)
        if programme is None:
            continue
        areas = [area.code for area in await programme.funding_areas.all().order_by("position", "id")]
        end = min(start + timedelta(days=330), date(programme.end_year, 12, 31))
        call = await create_call(
            actor=admin,
            now=opens,
            values={
                "programme": programme.code,
                "title": f"Integrationsprojekte {start.year} (generiert)",
                "description": "Generierte Ausschreibung für Lasttests.",
                "funding_areas": areas,
                "opens_at": opens,
                "closes_at": closes,
                "budget": (max(budget, MAX_AMOUNT), "CHF"),
                "max_amount_per_application": (MAX_AMOUNT, "CHF"),
                "min_reviews": 1 + len(made) % 2,
                "criteria": [
                    {"code": "RELEVANCE", "name": "Relevanz", "weight": 2},
                    {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1},
                ],
            },
        )
        area_ids = tuple(area.id for area in await call.funding_areas.all().order_by("id"))
        criteria = tuple((c.code, c.weight) for c in await call.criteria.all())
        made.append(
            CallInfo(
                id=call.id,
                opens_at=call.opens_at,
                closes_at=call.closes_at,
                min_reviews=call.min_reviews,
                criteria=criteria,
                tranche_plan=tuple(call.tranche_plan),
                area_ids=area_ids,
                project_start=start,
                latest_end=end,
                max_amount=MAX_AMOUNT,
            )
        )
    return tuple(made)


async def build_world(applications: int, now: datetime) -> World:
    """Staff, NGOs and calls enough for `applications` new applications."""
    admin = await _staff(Role.ADMIN, 1)
    reviewers = [await _staff(Role.REVIEWER, n) for n in range(1, REVIEWERS + 1)]
    approvers = [await _staff(Role.APPROVER, n) for n in range(1, APPROVERS + 1)]
    applicants = await _ngos(admin, min(400, max(6, applications // 250)))
    places = await Organisation.filter(kind=OrganisationKind.MUNICIPALITY).order_by("id")
    indicators = await Indicator.all().order_by("position", "id")
    return World(
        admin=admin,
        reviewers=tuple(user.id for user in reviewers),
        approvers=tuple(user.id for user in approvers),
        applicants=applicants,
        places=tuple((place.id, place.name["de"]) for place in places),
        indicators=tuple(indicator.code for indicator in indicators),
        calls=await _calls(admin, applications, now),
    )
