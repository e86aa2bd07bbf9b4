"""360Giving open data: valid against the standard's schema, complete, and with nothing private."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from grants.models import Application, ApplicationStatus

#: Copied into the repository (SOURCES.md beside them), so a fresh clone runs these tests.
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "360giving"
GRANT_URLS = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
)


def validator() -> Draft202012Validator:
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    registry = Registry().with_resources([(url, DRAFT202012.create_resource(grant)) for url in GRANT_URLS])
    return Draft202012Validator(package, registry=registry, format_checker=FormatChecker())


def problems(data: dict[str, Any]) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator().iter_errors(data)]


async def test_the_published_file_validates_and_holds_every_award(history_db, client):
    response = await client.get("/open-data/360giving.json")
    assert response.status_code == 200
    data = response.json()
    assert problems(data) == []
    funded = await Application.filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.CLOSED]
    ).count()
    assert len(data["grants"]) == funded == 160
    first = data["grants"][0]
    assert first["id"] == "360G-kipnet-bl-KIP-2014-0001"
    assert first["fundingOrganization"] == [
        {"id": "360G-kipnet-bl-org-fibl", "name": "Fachbereich Integration Basel-Landschaft"}
    ]
    assert first["grantProgramme"] == [{"code": "KIP1", "title": "Kantonales Integrationsprogramm 1 (KIP 1)"}]
    assert first["beneficiaryLocation"] == [{"name": "Liestal", "countryCode": "CH", "geoCode": "2829"}]
    assert first["classifications"][0]["vocabulary"] == "kipnet:funding-area"
    text = response.text
    for private in ("@kip1.kipnet.example", "review", "RELEVANCE", "weightedScore", "note"):
        assert private not in text


async def test_a_broken_grant_is_caught_by_the_validator(history_db, client):
    data = (await client.get("/open-data/360giving.json")).json()
    del data["grants"][0]["fundingOrganization"]
    data["grants"][1]["awardDate"] = "15.04.2014"
    assert len(problems(data)) >= 2
