"""Test data made through the domain's own use cases, with sensible defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from grants import accounts
from grants.calls import create_call
from grants.directory.editing import save_organisation, save_service
from grants.directory.relationships import save_relationship
from grants.models import BankAccount, FundingCall, Organisation, Relationship, Role, Service, User
from server.settings import Environment, Settings

PASSWORD = "correct horse battery staple"
#: A secret random enough for production (made by secrets.token_urlsafe(48)).
PRODUCTION_SECRET = "-zC8egm2RD2ipjZHPJIrW1V1WjbsGiOCZJn9hnjU1_XyMjVlYRAzgzqb2povRpPk"
#: Production mode with a secret good enough to start.
PRODUCTION_SETTINGS = Settings(environment=Environment.PRODUCTION, secret_key=PRODUCTION_SECRET)


async def organisation(
    slug: str, *, kind: str = "NGO", name: str | None = None, **values: Any
) -> Organisation:
    """An organisation named after its slug unless told otherwise."""
    return await save_organisation(
        actor=None, values={"slug": slug, "kind": kind, "name": {"de": name or slug.title()}, **values}
    )


async def service(provider: str, slug: str, **values: Any) -> Service:
    """A service of `provider` (a slug)."""
    return await save_service(
        actor=None, values={"slug": slug, "provider": provider, "name": {"de": slug.title()}, **values}
    )


async def relationship(
    source: str, target: str, kind: str = "COOPERATES_WITH", since: date | None = None
) -> Relationship:
    """A relationship source —kind→ target between two slugs."""
    return await save_relationship(
        actor=None, values={"source": source, "target": target, "kind": kind, "since": since}
    )


async def user(
    role: Role, *, email: str | None = None, organisation: str | None = None, language: str | None = None
) -> User:
    """An account with the role, password PASSWORD (and the mail language, when given)."""
    made = await accounts.create_user(
        email=email or f"{role.value.lower()}@example.org",
        password=PASSWORD,
        role=role,
        organisation_slug=organisation,
    )
    if language is not None:
        made.language = language
        await made.save(update_fields=["language"])
    return made


#: A valid Swiss IBAN (the example of the Swiss IBAN standard) and one of Liechtenstein.
IBAN_CH = "CH9300762011623852957"
IBAN_LI = "LI21088100002324013AA"


async def bank_account(slug: str, *, iban: str = IBAN_CH, holder: str | None = None) -> BankAccount:
    """The organisation's bank account written directly (no audit, no mail): a payable organisation."""
    found = await Organisation.get(slug=slug)
    return await BankAccount.create(
        organisation_id=found.id, iban=iban, holder=holder or found.name["de"], updated_at=NOW
    )


NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
#: The portal's address in tests: the links in mails start with it.
PUBLIC_URL = "https://kipnet.test"


async def call(
    *,
    budget: str = "100000.00",
    maximum: str | None = "50000.00",
    min_reviews: int = 1,
    areas: tuple[str, ...] = ("KIP3_LANGUAGE",),
) -> FundingCall:
    """An open KIP3 call (needs the seeded programme) with two weighted criteria."""
    admin = await User.filter(role=Role.ADMIN).first() or await user(
        Role.ADMIN, email="call-admin@example.org"
    )
    values: dict[str, Any] = {
        "programme": "KIP3",
        "title": "Deutsch im Alltag 2026",
        "funding_areas": list(areas),
        "opens_at": datetime(2026, 3, 1, tzinfo=UTC),
        "closes_at": datetime(2026, 6, 30, tzinfo=UTC),
        "budget": (Decimal(budget), "CHF"),
        "max_amount_per_application": (Decimal(maximum), "CHF") if maximum else None,
        "min_reviews": min_reviews,
        "criteria": [
            {"code": "RELEVANCE", "name": "Relevanz", "weight": 2.0},
            {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1.0},
        ],
    }
    return await create_call(actor=admin, values=values, now=NOW)


def application_values(funding_call: FundingCall, **changes: Any) -> dict[str, Any]:
    """Complete, consistent input for an application under `funding_call` (requests 35,000)."""
    return {
        "call": funding_call.id,
        "title": "Deutsch im Quartier",
        "summary": "Niederschwellige Deutschkurse",
        "funding_area": "KIP3_LANGUAGE",
        "project_start": date(2026, 8, 1),
        "project_end": date(2027, 7, 31),
        "municipalities": ["pratteln"],
        "languages": ["de", "ti"],
        "budget_lines": [
            {"category": "PERSONNEL", "description": "Kursleitung", "amount": (Decimal("30000.00"), "CHF")},
            {"category": "PREMISES", "description": "Raummiete", "amount": (Decimal("12000.00"), "CHF")},
        ],
        "own_contribution": (Decimal("5000.00"), "CHF"),
        "third_party_funding": (Decimal("2000.00"), "CHF"),
        "requested_amount": (Decimal("35000.00"), "CHF"),
        "targets": [{"indicator": "PARTICIPANTS", "value": 60}],
    } | changes
