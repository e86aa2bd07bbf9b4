"""The programme's owner: the office running a phase, from the fixtures, as Programme.owner and currentProgramme."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fixtures.loader import seed
from grants.directory.logos import assign_logo
from grants.models import AuditRecord, Programme
from grants.programmes import assign_owner, current_programme, save_programme
from tests import factories
from tests.schema.graphql import ok

pytestmark = pytest.mark.postgres

LOGO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "data" / "logos" / "fibl.svg"

OWNERS = """
{
  programmes { code owner { slug name(lang: "de") email address { street postalCode locality } } }
  fibl: organisation(slug: "fibl") { logoSvg }
  sem: organisation(slug: "sem") { logoSvg }
  currentProgramme { code owner { slug } }
}
"""
CURRENT = "{ currentProgramme { code } }"
PROGRAMME_OWNER = "query ($code: String!) { programme(code: $code) { owner { slug } } }"


async def test_the_fixtures_make_the_integration_office_the_owner_of_every_phase(seeded_db):
    # when the seeded phases are asked for their owner
    data = await ok(OWNERS)
    # then every phase is run by FIBL, with the address the portal's frame shows
    fibl = {
        "slug": "fibl",
        "name": "Fachbereich Integration Basel-Landschaft",
        "email": data["programmes"][0]["owner"]["email"],
        "address": {"street": "Amtshausgasse 7", "postalCode": "4410", "locality": "Liestal"},
    }
    assert [(p["code"], p["owner"]) for p in data["programmes"]] == [
        ("KIP1", fibl),
        ("KIP2", fibl),
        ("KIP2bis", fibl),
        ("KIP3", fibl),
    ]
    assert data["currentProgramme"]["owner"] == {"slug": "fibl"}
    # and the office's logo is the fixture's file, other organisations have none
    assert data["fibl"]["logoSvg"] == LOGO_FILE.read_text(encoding="utf-8")
    assert data["sem"] == {"logoSvg": None}


async def test_the_current_phase_is_the_one_running_else_the_latest_begun_else_the_first(seeded_db):
    # when asked for several years
    found = {year: (await current_programme(year)) for year in (2013, 2015, 2022, 2025, 2031)}
    # then each year maps to its phase, before the first to the first and after the last to the last
    assert {year: p.code if p else None for year, p in found.items()} == {
        2013: "KIP1",
        2015: "KIP1",
        2022: "KIP2bis",
        2025: "KIP3",
        2031: "KIP3",
    }


async def test_the_current_phase_follows_the_clock_in_swiss_time(seeded_db):
    # when asked on the last evening of 2021 in UTC, already 2022 in Switzerland, and in mid-2019
    new_year = await ok(CURRENT, now=datetime(2021, 12, 31, 23, 30, tzinfo=UTC))
    mid_2019 = await ok(CURRENT, now=datetime(2019, 6, 1, tzinfo=UTC))
    # then the phase is the one running in Switzerland at that moment
    assert new_year == {"currentProgramme": {"code": "KIP2bis"}}
    assert mid_2019 == {"currentProgramme": {"code": "KIP2"}}


async def test_a_phase_without_an_owner_answers_null_and_no_phase_means_no_current_one(db):
    # given an empty database, then there is no current phase
    assert (await ok(OWNERS)) == {"programmes": [], "currentProgramme": None, "fibl": None, "sem": None}
    # given a phase nobody recorded an owner for
    await save_programme(code="KIP9", name={"de": "KIP 9"}, start_year=2030, end_year=2033, funding_areas=[])
    # then its owner is null
    assert await ok(PROGRAMME_OWNER, {"code": "KIP9"}) == {"programme": {"owner": None}}


async def test_an_owner_is_recorded_once_and_seeding_again_keeps_a_changed_owner(seeded_db):
    # given someone made another office the owner of KIP3
    await factories.organisation("other-office", kind="CANTONAL_OFFICE")
    kip3 = await Programme.get(code="KIP3")
    kip3.owner_id = (await factories.organisation("second-office", kind="CANTONAL_OFFICE")).id
    await kip3.save(update_fields=["owner_id"])
    audits = await AuditRecord.filter(action="programme.owner").count()
    # when the owner is assigned again and the fixtures are seeded again
    assigned = await assign_owner(code="KIP3", owner="other-office")
    await seed(history=False)
    # then nothing changed: the recorded owner stays, and no audit record was added
    assert assigned is False
    assert await ok(PROGRAMME_OWNER, {"code": "KIP3"}) == {"programme": {"owner": {"slug": "second-office"}}}
    assert await AuditRecord.filter(action="programme.owner").count() == audits


async def test_assigning_an_owner_to_a_phase_without_one_is_audited(db):
    # given a phase without owner and an office
    await save_programme(code="KIP9", name={"de": "KIP 9"}, start_year=2030, end_year=2033, funding_areas=[])
    await factories.organisation("office", kind="CANTONAL_OFFICE")
    # when the office is assigned, and an unknown slug for another attempt
    assert await assign_owner(code="KIP9", owner="office") is True
    assert await assign_owner(code="KIP8", owner="office") is False
    # then the phase has its owner and the change is in the audit log once
    assert await ok(PROGRAMME_OWNER, {"code": "KIP9"}) == {"programme": {"owner": {"slug": "office"}}}
    records = await AuditRecord.filter(action="programme.owner")
    assert [record.changes for record in records] == [{"code": "KIP9", "owner": "office"}]


async def test_a_logo_is_given_once_and_an_unfit_one_is_refused(db):
    # given an office without a logo
    await factories.organisation("office", kind="CANTONAL_OFFICE")
    first = LOGO_FILE.read_text(encoding="utf-8")
    # when it is given a logo, then another one, and someone tries a logo with a script
    assert await assign_logo(slug="office", svg=first) is True
    assert await assign_logo(slug="office", svg=first.replace("#c8102e", "#000000")) is False
    with pytest.raises(ValueError, match="holds the element"):
        await assign_logo(slug="office", svg=first.replace("<title>", "<script>x</script><title>"))
    # then the first logo stays, audited once
    assert await ok('{ organisation(slug: "office") { logoSvg } }') == {"organisation": {"logoSvg": first}}
    assert await AuditRecord.filter(action="organisation.logo").count() == 1
