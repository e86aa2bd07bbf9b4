"""The input gate: every list and text argument is bounded and every text is NFC, for every root field."""

from __future__ import annotations

import unicodedata
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_nullable_type,
)

from grants.models import AuditRecord, Organisation, Role
from schema.base.input_gate import LIST_LIMITS, MAX_TEXT, TEXT_LIMITS
from tests import factories
from tests.schema.graphql import SCHEMA, ok, run

GRAPHQL = SCHEMA._schema
SAMPLES = {"String": "x", "ID": "eA==", "Int": 1, "Float": 1.0, "Boolean": True, "Decimal": "1.00"}
SAMPLES |= {"Date": "2026-01-01", "DateTime": "2026-01-01T00:00:00Z"}


def sample(type_: GraphQLInputType) -> Any:
    """A value of `type_` with every required part present (the values need not make sense)."""
    bare = get_nullable_type(type_)
    if isinstance(bare, GraphQLList):
        return [sample(bare.of_type)]
    if isinstance(bare, GraphQLInputObjectType):
        return {
            name: sample(field.type)
            for name, field in bare.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    if isinstance(bare, GraphQLEnumType):
        return next(iter(bare.values))
    assert isinstance(bare, GraphQLScalarType)
    return SAMPLES[bare.name]


def text_paths(
    type_: GraphQLInputType, path: tuple[str, ...] = (), coordinate: str = ""
) -> list[tuple[tuple[str, ...], str]]:
    """Every (path, coordinate) of a String field of an input, required or not, one list item deep."""
    bare = get_nullable_type(type_)
    if isinstance(bare, GraphQLList):
        return text_paths(bare.of_type, (*path, "0"), coordinate)
    if isinstance(bare, GraphQLInputObjectType):
        return [
            found
            for name, field in bare.fields.items()
            for found in text_paths(field.type, (*path, name), f"{bare.name}.{name}")
        ]
    return [(path, coordinate)] if isinstance(bare, GraphQLScalarType) and bare.name == "String" else []


def put(value: Any, type_: GraphQLInputType, path: tuple[str, ...], leaf: Any) -> Any:
    """`value` of `type_` with `leaf` at `path`; missing objects and lists on the way are sampled."""
    if not path:
        return leaf
    bare = get_nullable_type(type_)
    if isinstance(bare, GraphQLList):
        items = list(value or [sample(bare.of_type)])
        items[0] = put(items[0], bare.of_type, path[1:], leaf)
        return items
    assert isinstance(bare, GraphQLInputObjectType)
    head, rest = path[0], path[1:]
    field_type = bare.fields[head].type
    inner = value.get(head) if value and head in value else sample(field_type)
    return (value or {}) | {head: put(inner, field_type, rest, leaf)}


MUTATIONS = sorted(name for name, field in GRAPHQL.mutation_type.fields.items() if "input" in field.args)  # type: ignore[union-attr]


def cases() -> list[tuple[str, tuple[str, ...], str]]:
    """(mutation, path, coordinate) of every text field of every mutation's input."""
    found = []
    for name in MUTATIONS:
        input_type = GRAPHQL.mutation_type.fields[name].args["input"].type  # type: ignore[union-attr]
        found += [(name, path, coordinate) for path, coordinate in text_paths(input_type)]
    return found


async def test_every_text_of_every_mutation_is_bounded_with_its_field_path(db):
    # given: an admin (every role check comes after the gate), and the counts before
    admin = await factories.user(Role.ADMIN)
    audited = await AuditRecord.all().count()
    unexpected = []
    assert len(cases()) > 60
    for mutation, path, coordinate in cases():
        field = GRAPHQL.mutation_type.fields[mutation]  # type: ignore[union-attr]
        input_type = get_nullable_type(field.args["input"].type)
        limit = TEXT_LIMITS.get(coordinate, MAX_TEXT)
        value = put(sample(input_type), input_type, path, "x" * (limit + 1))
        # when: one text is one character too long
        data = await ok(
            f"mutation ($input: {input_type.name}!) {{ {mutation}(input: $input) {{ errors {{ field message code }} }} }}",
            {"input": value},
            actor=admin,
        )
        # then: refused at that path, whatever the mutation
        expected = [
            {"field": ["input", *path], "message": f"At most {limit:,} characters", "code": "INVALID"}
        ]
        if data[mutation]["errors"] != expected:
            unexpected.append((mutation, path, data[mutation]["errors"]))
    assert unexpected == []
    assert await AuditRecord.all().count() == audited


def list_coordinates() -> set[str]:
    found = set()
    for root in (GRAPHQL.query_type, GRAPHQL.mutation_type):
        for name, field in root.fields.items():  # type: ignore[union-attr]
            for argument, definition in field.args.items():
                if isinstance(get_nullable_type(definition.type), GraphQLList):
                    found.add(f"{root.name}.{name}.{argument}")  # type: ignore[union-attr]
    for type_ in GRAPHQL.type_map.values():
        if isinstance(type_, GraphQLInputObjectType):
            found |= {
                f"{type_.name}.{name}"
                for name, field in type_.fields.items()
                if isinstance(get_nullable_type(field.type), GraphQLList)
            }
    return found


def test_every_list_argument_has_a_declared_bound():
    assert list_coordinates() == set(LIST_LIMITS)


CREATE_APPLICATION = """
mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } errors { field message code } } }
"""


async def test_a_list_over_its_bound_is_refused_before_anything_runs(seeded_db, sql_statements):
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="ald")
    lines = [{"category": "OTHER", "description": "x", "amount": {"amount": "1.00"}}] * 8000
    mutations = GRAPHQL.mutation_type
    assert mutations is not None
    value = sample(mutations.fields["createApplication"].args["input"].type)
    sql_statements.statements.clear()
    data = await ok(CREATE_APPLICATION, {"input": value | {"budgetLines": lines}}, actor=lead)
    assert data["createApplication"] == {
        "application": None,
        "errors": [{"field": ["input", "budgetLines"], "message": "At most 200 items", "code": "INVALID"}],
    }
    assert sql_statements.statements == []


async def test_queries_get_a_field_error_for_a_list_over_its_bound(seeded_db):
    kinds = ["FUNDS"] * 7
    data, errors = await run(
        'query ($k: [RelationshipKind!]) { partnerNetwork(root: "sem", kinds: $k) { organisations { slug } } }',
        {"k": kinds},
    )
    assert data == {"partnerNetwork": None}
    assert [(e["message"], e["extensions"]) for e in errors] == [
        ("At most 6 items", {"code": "INVALID", "field": ["kinds"]})
    ]


CREATE_ORGANISATION = """
mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { slug name } errors { message } } }
"""


async def test_text_is_stored_composed_so_equal_names_are_equal(seeded_db):
    admin = await factories.user(Role.ADMIN)
    decomposed = unicodedata.normalize("NFD", "Verein Zürich-Ärzte")
    assert decomposed != "Verein Zürich-Ärzte"
    made = await ok(CREATE_ORGANISATION, {"input": {"kind": "NGO", "name": {"de": decomposed}}}, actor=admin)
    assert made["createOrganisation"] == {
        "organisation": {"slug": "verein-zurich-arzte", "name": "Verein Zürich-Ärzte"},
        "errors": [],
    }
    stored = await Organisation.get(slug="verein-zurich-arzte")
    assert stored.name == {"de": "Verein Zürich-Ärzte"}
    found = await ok('{ organisations(filter: {search: "ZU\u0308RICH"}) { edges { node { slug } } } }')
    assert found["organisations"]["edges"] == [{"node": {"slug": "verein-zurich-arzte"}}]
