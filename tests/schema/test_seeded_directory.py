"""The seeded KIP Basel-Landschaft network answers the questions a new user would ask."""

from __future__ import annotations

from typing import Any

from tests.schema.graphql import ok, run

ORGANISATION = """
query ($slug: String!, $lang: String) {
  organisation(slug: $slug) {
    slug acronym kind name(lang: $lang) description(lang: $lang) phone languages isSample
    address { street postalCode locality canton }
    municipality { bfsNumber population foreignNationalShare district populationYear }
    services { totalCount edges { node { slug languages fundingArea { code pillar } } } }
  }
}
"""
PAGE = """
query ($after: String) {
  organisations(first: 10, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug } }
  }
}
"""
MUNICIPALITIES = """
{ organisations(filter: {kind: [MUNICIPALITY]}, first: 100) { totalCount edges { node { municipality { population } } } } }
"""
PROGRAMMES = """
{ programmes { code startYear endYear fundingAreas { code pillar } } }
"""
NETWORK = """
query ($root: String!, $depth: Int) {
  partnerNetwork(root: $root, depth: $depth) { organisations { slug } relationships { kind source { slug } target { slug } } }
}
"""
PATH = """
query ($from: String!, $to: String!) { relationshipPath(from: $from, to: $to) { kind source { slug } target { slug } } }
"""
SEARCH = """
query ($search: String, $language: String, $area: String) {
  organisations(filter: {search: $search, language: $language, fundingArea: $area}, first: 100) { edges { node { slug } } }
}
"""


def slugs_of(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["slug"] for edge in data["organisations"]["edges"]]


async def test_sem_is_described_in_four_languages(seeded_db):
    german = (await ok(ORGANISATION, {"slug": "sem"}))["organisation"]
    assert (german["acronym"], german["kind"], german["name"]) == (
        "SEM",
        "FEDERAL_OFFICE",
        "Staatssekretariat für Migration",
    )
    assert "Einbürgerung" in german["description"] or "Einbürgerungen" in german["description"]
    names = {}
    for lang in ("fr", "it", "en"):
        names[lang] = (await ok(ORGANISATION, {"slug": "sem", "lang": lang}))["organisation"]["name"]
    assert names == {
        "fr": "Secrétariat d'État aux migrations",
        "it": "Segreteria di Stato della migrazione",
        "en": "State Secretariat for Migration",
    }
    by_header = await ok(ORGANISATION, {"slug": "sem"}, languages=("fr",))
    assert by_header["organisation"]["name"] == "Secrétariat d'État aux migrations"


async def test_fibl_runs_first_information_talks_in_twelve_languages_from_liestal(seeded_db):
    fibl = (await ok(ORGANISATION, {"slug": "fibl"}))["organisation"]
    assert fibl["acronym"] == "FIBL"
    assert fibl["address"] == {
        "street": "Amtshausgasse 7",
        "postalCode": "4410",
        "locality": "Liestal",
        "canton": "BL",
    }
    assert fibl["phone"] == "061 552 66 53"
    services = {edge["node"]["slug"]: edge["node"] for edge in fibl["services"]["edges"]}
    assert len(services["fibl-first-information"]["languages"]) == 12
    assert "fibl-communis" in services


async def test_ald_counsels_in_thirteen_languages_interprets_and_teaches_german(seeded_db):
    ald = (await ok(ORGANISATION, {"slug": "ald"}))["organisation"]
    assert ald["name"] == "Ausländerdienst Baselland"
    services = {edge["node"]["slug"]: edge["node"] for edge in ald["services"]["edges"]}
    assert set(services) >= {"ald-counselling", "ald-interpreting", "ald-german-courses"}
    assert len(services["ald-counselling"]["languages"]) == 13
    found = await ok(SEARCH, {"search": "auslanderdienst"})
    assert slugs_of(found) == ["ald"]


async def test_the_cantonal_offices_say_what_they_do(seeded_db):
    expectations = {
        "bmh": "Sprachförderung",
        "ksa": "Integrationspauschale",
        "afmb": "Einbürgerung",
    }
    for slug, phrase in expectations.items():
        organisation = (await ok(ORGANISATION, {"slug": slug}))["organisation"]
        assert organisation["kind"] == "CANTONAL_OFFICE", slug
        assert phrase.lower() in organisation["description"].lower(), (slug, organisation["description"])


async def test_all_86_municipalities_with_their_bfs_statistics(seeded_db):
    data = await ok(MUNICIPALITIES)
    assert data["organisations"]["totalCount"] == 86
    assert (
        sum(edge["node"]["municipality"]["population"] for edge in data["organisations"]["edges"]) == 287023
    )
    allschwil = (await ok(ORGANISATION, {"slug": "allschwil"}))["organisation"]
    assert "erste Anlaufstelle für Migrantinnen und Migranten" in allschwil["description"]
    assert allschwil["municipality"] == {
        "bfsNumber": 2762,
        "population": 20913,
        "foreignNationalShare": 0.2659,
        "district": "Arlesheim",
        "populationYear": 2017,
    }


async def test_paging_through_all_organisations_by_ten_sees_each_exactly_once(seeded_db):
    seen: list[str] = []
    after = None
    while True:
        page = (await ok(PAGE, {"after": after}))["organisations"]
        seen += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"]
    assert len(set(seen)) == len(seen)
    assert {"sem", "fibl", "bmh", "ksa", "afmb", "ald", "liestal", "laufen"} <= set(seen)


async def test_the_programme_phases_and_their_funding_areas(seeded_db):
    programmes = {p["code"]: p for p in (await ok(PROGRAMMES))["programmes"]}
    assert [(code, p["startYear"], p["endYear"]) for code, p in programmes.items()] == [
        ("KIP1", 2014, 2017),
        ("KIP2", 2018, 2021),
        ("KIP2bis", 2022, 2023),
        ("KIP3", 2024, 2027),
    ]
    kip1 = programmes["KIP1"]["fundingAreas"]
    assert len(kip1) == 8
    assert {area["pillar"] for area in kip1} == {
        "INFORMATION_AND_COUNSELLING",
        "EDUCATION_AND_WORK",
        "UNDERSTANDING_AND_SOCIAL_INTEGRATION",
    }
    assert programmes["KIP2"]["fundingAreas"] == kip1
    assert len(programmes["KIP3"]["fundingAreas"]) == 7


async def test_the_network_around_fibl_connects_sem_the_offices_ald_and_the_municipalities(seeded_db):
    network = (await ok(NETWORK, {"root": "fibl", "depth": 1}))["partnerNetwork"]
    around = {organisation["slug"] for organisation in network["organisations"]}
    assert {"sem", "bmh", "ksa", "afmb", "ald", "liestal", "allschwil"} <= around
    edges = {(r["source"]["slug"], r["kind"], r["target"]["slug"]) for r in network["relationships"]}
    assert {
        ("sem", "COORDINATES", "fibl"),
        ("sem", "FUNDS", "fibl"),
        ("fibl", "OPERATIONAL_PARTNER", "ald"),
    } <= edges
    assert ("liestal", "COOPERATES_WITH", "fibl") in edges
    # every relationship of the network joins two organisations of the network: a connected graph
    assert all(
        r["source"]["slug"] in around and r["target"]["slug"] in around for r in network["relationships"]
    )


async def test_a_municipality_reaches_the_sem_through_fibl(seeded_db):
    path = (await ok(PATH, {"from": "laufen", "to": "sem"}))["relationshipPath"]
    assert len(path) == 2
    assert path[0]["source"]["slug"] == "laufen"
    assert path[0]["target"]["slug"] == "fibl"
    assert {path[1]["source"]["slug"], path[1]["target"]["slug"]} == {"fibl", "sem"}


async def test_filters_find_who_serves_in_tigrinya_and_who_works_on_interpreting(seeded_db):
    tigrinya = slugs_of(await ok(SEARCH, {"language": "ti"}))
    assert "ald" in tigrinya
    interpreting = slugs_of(await ok(SEARCH, {"area": "KIP3_INTERPRETING"}))
    assert "ald" in interpreting
    data, errors = await run(SEARCH, {"area": "KIP9_NOTHING"})
    assert data == {"organisations": None}
    assert [e["extensions"]["code"] for e in errors] == ["INVALID"]
