"""Open data: every award as a grant of the 360Giving Data Standard, with nothing private in it.

Identifiers are built from the application reference (360G-kipnet-bl-KIP-2026-0042); the funder is
the Fachbereich Integration Basel-Landschaft, the KIP phase the grant programme, the funding area
the classification, the project's municipalities the beneficiary locations (BFS numbers). Reviews,
people, notes and applications that were not approved never appear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from grants.models import (
    Application,
    ApplicationStatus,
    Award,
    FundingArea,
    FundingCall,
    MunicipalityProfile,
    Organisation,
    Programme,
)

PREFIX = "360G-kipnet-bl"
FUNDER = {"id": f"{PREFIX}-org-fibl", "name": "Fachbereich Integration Basel-Landschaft"}
AREA_VOCABULARY = "kipnet:funding-area"
FUNDED = (ApplicationStatus.APPROVED, ApplicationStatus.CLOSED)


def amount(value: Decimal) -> int | float:
    """A JSON number for an exact amount (two decimals print exactly as the shortest float text)."""
    return int(value) if value == value.to_integral_value() else float(value)


def organisation_id(slug: str) -> str:
    """The 360Giving identifier of a directory organisation."""
    return f"{PREFIX}-org-{slug}"


def grant(
    application: Application,
    award: Award,
    recipient: Organisation,
    programme: Programme,
    area: FundingArea,
    places: Iterable[tuple[Organisation, MunicipalityProfile | None]],
) -> dict[str, Any]:
    """One 360Giving grant for an awarded application (pure)."""
    recipient_record: dict[str, Any] = {"id": organisation_id(recipient.slug), "name": recipient.name["de"]}
    if recipient.locality:
        recipient_record["addressLocality"] = recipient.locality
    if recipient.postal_code:
        recipient_record["postalCode"] = recipient.postal_code
    recipient_record["addressCountry"] = "CH"
    return {
        "id": f"{PREFIX}-{application.reference}",
        "title": application.title,
        "description": application.summary or application.title,
        "currency": "CHF",
        "amountAppliedFor": amount(application.requested_amount),
        "amountAwarded": amount(award.amount),
        "awardDate": award.decided_at.date().isoformat(),
        "plannedDates": [
            {
                "startDate": application.project_start.isoformat(),
                "endDate": application.project_end.isoformat(),
            }
        ],
        "recipientOrganization": [recipient_record],
        "fundingOrganization": [dict(FUNDER)],
        "grantProgramme": [{"code": programme.code, "title": programme.name["de"]}],
        "classifications": [{"vocabulary": AREA_VOCABULARY, "code": area.code, "title": area.name["de"]}],
        "beneficiaryLocation": [
            {
                "name": place.name["de"],
                "countryCode": "CH",
                **({"geoCode": str(profile.bfs_number)} if profile else {}),
            }
            for place, profile in places
        ],
        "dateModified": application.updated_at.isoformat(),
    }


async def package(*, now: datetime) -> dict[str, Any]:
    """Every approved or closed award as a 360Giving package, oldest reference first."""
    applications = (
        await Application.filter(status__in=list(FUNDED)).order_by("id").prefetch_related("municipalities")
    )
    ids = [application.id for application in applications]
    awards = {award.application_id: award for award in await Award.filter(application_id__in=ids)}
    organisations = {
        o.id: o for o in await Organisation.filter(id__in={a.applicant_id for a in applications})
    }
    calls = {c.id: c for c in await FundingCall.filter(id__in={a.call_id for a in applications})}
    programmes = {p.id: p for p in await Programme.filter(id__in={c.programme_id for c in calls.values()})}
    areas = {
        area.id: area for area in await FundingArea.filter(id__in={a.funding_area_id for a in applications})
    }
    place_ids = {place.id for application in applications for place in application.municipalities}
    profiles = {p.organisation_id: p for p in await MunicipalityProfile.filter(organisation_id__in=place_ids)}
    places: dict[int, list[tuple[Organisation, MunicipalityProfile | None]]] = defaultdict(list)
    for application in applications:
        for place in sorted(application.municipalities, key=lambda o: o.sort_name):
            places[application.id].append((place, profiles.get(place.id)))
    grants = [
        grant(
            application,
            awards[application.id],
            organisations[application.applicant_id],
            programmes[calls[application.call_id].programme_id],
            areas[application.funding_area_id],
            places[application.id],
        )
        for application in applications
        if application.id in awards
    ]
    return {
        "grants": grants,
        "version": "1.4",
        "title": "Beiträge des Kantonalen Integrationsprogramms Basel-Landschaft",
        "publisher": dict(FUNDER),
        "modified": now.isoformat(),
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
