"""Programme phases, funding areas, indicators and reports of the seeded programme."""

from __future__ import annotations

from tests.schema.graphql import ok, run

PROGRAMME = """
query ($code: String!, $year: Int) {
  programme(code: $code) {
    code name(lang: "en") startYear endYear
    fundingAreas { code name pillar }
    report(year: $year) {
      year measureCount awarded { amount currency }
      byFundingArea { fundingArea { code } measureCount awarded { amount } }
      indicators { indicator { code name } total }
    }
  }
}
"""
CATALOGUE = '{ fundingAreas { code } indicators { code name(lang: "fr") } }'
SERVICES = """
query ($language: String, $area: String, $search: String) {
  services(language: $language, fundingArea: $area, search: $search, first: 50) {
    totalCount edges { node { slug provider { slug } } }
  }
}
"""


async def test_kip3_has_its_seven_areas_and_a_report_per_year(seeded_db):
    data = await ok(PROGRAMME, {"code": "KIP3", "year": 2025})
    programme = data["programme"]
    assert (programme["code"], programme["name"], programme["startYear"], programme["endYear"]) == (
        "KIP3",
        "Cantonal Integration Programme 3 (KIP 3)",
        2024,
        2027,
    )
    assert [area["code"] for area in programme["fundingAreas"]] == [
        "KIP3_INFORMATION_COUNSELLING",
        "KIP3_LANGUAGE",
        "KIP3_WORK_PREPARATION",
        "KIP3_EARLY_CHILDHOOD",
        "KIP3_DISCRIMINATION_PROTECTION",
        "KIP3_LIVING_TOGETHER",
        "KIP3_INTERPRETING",
    ]
    report = programme["report"]
    # no application has been funded in the seeded data: every figure is zero, every area listed
    assert (report["year"], report["measureCount"], report["awarded"]) == (
        2025,
        0,
        {"amount": "0.00", "currency": "CHF"},
    )
    assert [row["fundingArea"]["code"] for row in report["byFundingArea"]] == [
        a["code"] for a in programme["fundingAreas"]
    ]
    assert {row["measureCount"] for row in report["byFundingArea"]} == {0}
    assert [(row["indicator"]["code"], row["total"]) for row in report["indicators"]][:2] == [
        ("FIRST_INFORMATION_TALKS", 0),
        ("COUNSELLING_SESSIONS", 0),
    ]


async def test_a_report_year_outside_the_phase_is_refused_and_unknown_codes_are_null(seeded_db):
    data, errors = await run(PROGRAMME, {"code": "KIP1", "year": 2019})
    assert data == {"programme": None}
    assert [(e["message"], e["extensions"]) for e in errors] == [
        ("KIP1 runs from 2014 to 2017; 2019 is outside", {"code": "INVALID", "field": ["year"]})
    ]
    assert await ok(PROGRAMME, {"code": "KIP9"}) == {"programme": None}


async def test_the_catalogue_of_areas_and_indicators(seeded_db):
    data = await ok(CATALOGUE)
    assert len(data["fundingAreas"]) == 15
    assert [i["code"] for i in data["indicators"]] == [
        "FIRST_INFORMATION_TALKS",
        "COUNSELLING_SESSIONS",
        "LANGUAGE_COURSE_PLACES",
        "EARLY_SUPPORT_CHILDREN",
        "PARTICIPANTS",
        "INTERPRETING_HOURS",
    ]
    assert data["indicators"][0]["name"] == "Entretiens de primo-information"


async def test_services_filter_by_language_area_and_accent_free_search(seeded_db):
    interpreting = await ok(SERVICES, {"area": "KIP3_INTERPRETING"})
    assert [e["node"]["slug"] for e in interpreting["services"]["edges"]] == ["ald-interpreting"]
    tamil = await ok(SERVICES, {"language": "ta"})
    assert sorted(e["node"]["slug"] for e in tamil["services"]["edges"]) == [
        "ald-counselling",
        "ald-interpreting",
    ]
    first_talks = await ok(SERVICES, {"search": "erstinformationsgesprache"})
    assert [e["node"]["provider"]["slug"] for e in first_talks["services"]["edges"]] == ["fibl"]
    by_provider = await ok(SERVICES, {"search": "auslanderdienst deutschkurse"})
    assert [e["node"]["slug"] for e in by_provider["services"]["edges"]] == ["ald-german-courses"]
