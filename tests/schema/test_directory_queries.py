"""Directory queries through the schema: filters, search, paging, network, paths, nodes."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.schema.graphql import ok, run

ORGANISATIONS = """
query ($filter: OrganisationFilter, $first: Int, $after: String) {
  organisations(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""
NETWORK = """
query ($root: String!, $depth: Int, $kinds: [RelationshipKind!]) {
  partnerNetwork(root: $root, depth: $depth, kinds: $kinds) {
    organisations { slug }
    relationships { kind source { slug } target { slug } }
  }
}
"""
PATH = """
query ($from: String!, $to: String!) {
  relationshipPath(from: $from, to: $to) { kind source { slug } target { slug } }
}
"""
NODE = """
query ($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Organisation { slug }
    ... on Service { slug provider { slug } }
    ... on Relationship { kind }
  }
}
"""
ORGANISATION_WITH_RELATIONS = """
query ($slug: String!, $direction: Direction, $kind: RelationshipKind) {
  organisation(slug: $slug) {
    id
    services { totalCount edges { node { slug fundingArea { code } } } }
    relationships(direction: $direction, kind: $kind) { totalCount edges { node { kind source { slug } target { slug } } } }
  }
}
"""


def slugs(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["slug"] for edge in data["organisations"]["edges"]]


async def make_network() -> None:
    """sem -COORDINATES-> fibl -OPERATIONAL_PARTNER-> ald; gemeinde -COOPERATES_WITH-> fibl; lonely."""
    await factories.organisation("sem", kind="FEDERAL_OFFICE", name="Staatssekretariat für Migration")
    await factories.organisation("fibl", kind="CANTONAL_OFFICE", name="Fachbereich Integration")
    await factories.organisation(
        "ald", kind="ASSOCIATION", name="Ausländerdienst Baselland", languages=["de", "ti"]
    )
    await factories.organisation("liestal", kind="MUNICIPALITY", name="Liestal")
    await factories.organisation("lonely", name="Verein ohne Beziehungen")
    await factories.relationship("sem", "fibl", "COORDINATES")
    await factories.relationship("fibl", "ald", "OPERATIONAL_PARTNER")
    await factories.relationship("liestal", "fibl", "COOPERATES_WITH")


async def test_paging_by_two_sees_every_organisation_once_in_alphabetical_order(db):
    # given
    await make_network()
    seen: list[str] = []
    after = None
    # when
    while True:
        data = await ok(ORGANISATIONS, {"first": 2, "after": after})
        page = data["organisations"]
        seen += slugs(data)
        assert page["totalCount"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then: German names in order, accents folded (Ausländerdienst before Fachbereich)
    assert seen == ["ald", "fibl", "liestal", "sem", "lonely"]


async def test_search_ignores_case_and_accents_and_spelled_out_umlauts(db):
    await make_network()
    for term in ("auslanderdienst", "AUSLÄNDERDIENST", "auslaenderdienst", "dienst basel"):
        data = await ok(ORGANISATIONS, {"filter": {"search": term}})
        assert slugs(data) == ["ald"], term


async def test_filters_by_kind_language_and_funding_area(db):
    await make_network()
    data = await ok(ORGANISATIONS, {"filter": {"kind": ["CANTONAL_OFFICE", "FEDERAL_OFFICE"]}})
    assert slugs(data) == ["fibl", "sem"]
    data = await ok(ORGANISATIONS, {"filter": {"language": "TI"}})
    assert slugs(data) == ["ald"]


async def test_too_large_first_and_bad_cursor_and_bad_language_are_clean_errors(db):
    await make_network()
    for variables, message, field in (
        ({"first": 101}, "`first` must be between 0 and 100, got 101", ["first"]),
        ({"after": "bm90LWEtY3Vyc29y"}, "The cursor is not valid for this list", ["after"]),
        (
            {"filter": {"language": "xx"}},
            '\'xx\' is not an ISO 639-1 language code (e.g. "de", "fr", "ti")',
            ["language"],
        ),
        ({"filter": {"fundingArea": "NOPE"}}, "No funding area 'NOPE'", ["fundingArea"]),
    ):
        data, errors = await run(ORGANISATIONS, variables)
        assert data == {"organisations": None}
        assert [(e["message"], e["extensions"]) for e in errors] == [
            (message, {"code": "INVALID", "field": field})
        ]


async def test_partner_network_grows_with_depth_in_both_directions(db):
    await make_network()
    one = await ok(NETWORK, {"root": "fibl", "depth": 1})
    assert [o["slug"] for o in one["partnerNetwork"]["organisations"]] == ["fibl", "ald", "liestal", "sem"]
    assert len(one["partnerNetwork"]["relationships"]) == 3
    from_sem = await ok(NETWORK, {"root": "sem", "depth": 2, "kinds": ["COORDINATES", "OPERATIONAL_PARTNER"]})
    assert [o["slug"] for o in from_sem["partnerNetwork"]["organisations"]] == ["sem", "fibl", "ald"]
    assert from_sem["partnerNetwork"]["relationships"] == [
        {"kind": "COORDINATES", "source": {"slug": "sem"}, "target": {"slug": "fibl"}},
        {"kind": "OPERATIONAL_PARTNER", "source": {"slug": "fibl"}, "target": {"slug": "ald"}},
    ]


@pytest.mark.parametrize(
    ("depth", "message"),
    [(4, "`depth` must be between 0 and 3, got 4"), (-1, "`depth` must be between 0 and 3, got -1")],
)
async def test_partner_network_refuses_depth_outside_0_to_3(db, depth, message):
    await make_network()
    data, errors = await run(NETWORK, {"root": "fibl", "depth": depth})
    assert data == {"partnerNetwork": None}
    assert [e["message"] for e in errors] == [message]


async def test_relationship_path_is_shortest_in_either_direction_and_empty_without_one(db):
    await make_network()
    data = await ok(PATH, {"from": "liestal", "to": "ald"})
    assert data["relationshipPath"] == [
        {"kind": "COOPERATES_WITH", "source": {"slug": "liestal"}, "target": {"slug": "fibl"}},
        {"kind": "OPERATIONAL_PARTNER", "source": {"slug": "fibl"}, "target": {"slug": "ald"}},
    ]
    assert (await ok(PATH, {"from": "ald", "to": "lonely"}))["relationshipPath"] == []
    assert (await ok(PATH, {"from": "ald", "to": "ald"}))["relationshipPath"] == []
    missing, errors = await run(PATH, {"from": "ald", "to": "nowhere"})
    assert missing == {"relationshipPath": None}
    assert [(e["message"], e["extensions"]["code"]) for e in errors] == [
        ("No organisation 'nowhere'", "NOT_FOUND")
    ]


async def test_nested_services_and_relationships_follow_direction_and_kind(db):
    await make_network()
    await factories.service("ald", "ald-beratung")
    data = await ok(ORGANISATION_WITH_RELATIONS, {"slug": "fibl", "direction": "OUTGOING"})
    relationships = data["organisation"]["relationships"]
    assert relationships["totalCount"] == 1
    assert relationships["edges"][0]["node"]["target"] == {"slug": "ald"}
    data = await ok(
        ORGANISATION_WITH_RELATIONS, {"slug": "fibl", "direction": "INCOMING", "kind": "COORDINATES"}
    )
    assert [e["node"]["source"]["slug"] for e in data["organisation"]["relationships"]["edges"]] == ["sem"]
    data = await ok(ORGANISATION_WITH_RELATIONS, {"slug": "ald"})
    assert data["organisation"]["services"] == {
        "totalCount": 1,
        "edges": [{"node": {"slug": "ald-beratung", "fundingArea": None}}],
    }


async def test_node_finds_every_type_by_its_id_and_answers_null_for_anything_else(db):
    await make_network()
    await factories.service("ald", "ald-beratung")
    data = await ok(ORGANISATION_WITH_RELATIONS, {"slug": "ald"})
    organisation_id = data["organisation"]["id"]
    found = await ok(NODE, {"id": organisation_id})
    assert found["node"] == {"__typename": "Organisation", "id": organisation_id, "slug": "ald"}
    services = await ok("{ services { edges { node { id } } } }")
    service_id = services["services"]["edges"][0]["node"]["id"]
    assert (await ok(NODE, {"id": service_id}))["node"]["provider"] == {"slug": "ald"}
    # ... including a key beyond PostgreSQL's integer range (Organisation:999999999999999999)
    beyond = "T3JnYW5pc2F0aW9uOjk5OTk5OTk5OTk5OTk5OTk5OQ=="
    for bad in ("garbage!!", "", "T3JnYW5pc2F0aW9uOjk5OTk5", "VXNlcjox", "Tm9wZTox", beyond):
        assert await ok(NODE, {"id": bad}) == {"node": None}, bad


MIXED = """
{
  tooMany: organisations(first: 500) { totalCount }
  programmes { code }
  nowhere: partnerNetwork(root: "no-such-partner") { organisations { slug } }
  negative: services(first: -1) { totalCount }
  fine: organisations(first: 1) { totalCount }
}
"""


async def test_a_bad_argument_nulls_only_its_own_root_field(seeded_db):
    # when: one document asks for several roots, three of them with bad arguments
    data, errors = await run(MIXED)
    # then: the good roots answer, each bad one is null with its own error
    assert data is not None
    assert (data["tooMany"], data["nowhere"], data["negative"]) == (None, None, None)
    assert [programme["code"] for programme in data["programmes"]] == ["KIP1", "KIP2", "KIP2bis", "KIP3"]
    assert data["fine"] == {"totalCount": 98}  # 86 municipalities and the 12 seeded partners
    assert sorted((error["path"][0], error["extensions"]["code"]) for error in errors) == [
        ("negative", "INVALID"),
        ("nowhere", "NOT_FOUND"),
        ("tooMany", "INVALID"),
    ]
