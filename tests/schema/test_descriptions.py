"""Every type, field, argument, input field and enum value of the served schema has a description.

Two checks with the same five rules: a pure-Python walk over the graphql-core schema (runs anywhere),
and graphql-schema-linter itself (npm, tests/conformance) on the SDL that `kipnet schema` prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    is_specified_scalar_type,
)
from graphql import build_schema as build_sdl

from schema import build_schema
from schema.base import descriptions
from schema.base.descriptions import GRANTS_ENUMS, EnumTexts
from tests.node_tools import TOOLS, require_tool
from tests.schema.graphql import ok

KIPNET = str(Path(sys.executable).with_name("kipnet"))
LINTER = TOOLS / "node_modules" / ".bin" / "graphql-schema-linter"
RULES = (
    "types-have-descriptions",
    "fields-have-descriptions",
    "arguments-have-descriptions",
    "input-object-values-have-descriptions",
    "enum-values-have-descriptions",
)
#: One gap of each kind the rules look for, next to described elements of the same kinds.
GAPS = """
type Query {
  "Described."
  described(
    "Described."
    first: Int
    after: String
  ): Thing
  bare: Int
}

"Described."
type Thing implements Named {
  "Described."
  name: String
}

"Described."
interface Named {
  name: String
}

enum Colour {
  "Described."
  RED
  GREEN
}

"Described."
input Filter {
  "Described."
  colour: Colour
  text: String
}

scalar Stamp
"""
RELATIONSHIP_KIND = """
query { __type(name: "RelationshipKind") { description enumValues { name description } } }
"""


def undescribed(schema: GraphQLSchema) -> list[str]:
    """'rule coordinate' for every element of `schema` without a description (blank counts as none)."""

    def missing(text: str | None) -> bool:
        return not (text and text.strip())

    found: list[str] = []
    for name, type_ in sorted(schema.type_map.items()):
        if name.startswith("__") or is_specified_scalar_type(type_):
            continue
        if missing(type_.description):
            found.append(f"types-have-descriptions {name}")
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if missing(field.description):
                    found.append(f"fields-have-descriptions {name}.{field_name}")
                found += [
                    f"arguments-have-descriptions {name}.{field_name}({arg_name}:)"
                    for arg_name, arg in field.args.items()
                    if missing(arg.description)
                ]
        elif isinstance(type_, GraphQLInputObjectType):
            found += [
                f"input-object-values-have-descriptions {name}.{field_name}"
                for field_name, field in type_.fields.items()
                if missing(field.description)
            ]
        elif isinstance(type_, GraphQLEnumType):
            found += [
                f"enum-values-have-descriptions {name}.{value_name}"
                for value_name, value in type_.values.items()
                if missing(value.description)
            ]
    return found


def test_every_element_of_the_served_schema_is_described():
    # given the schema kipnet serves; when every element is looked at; then each has a description
    assert undescribed(build_schema()._schema) == []


def test_the_check_finds_each_kind_of_missing_description():
    # given a schema with one gap of each kind; when checked; then exactly those are found
    assert undescribed(build_sdl(GAPS)) == [
        "types-have-descriptions Colour",
        "enum-values-have-descriptions Colour.GREEN",
        "input-object-values-have-descriptions Filter.text",
        "fields-have-descriptions Named.name",
        "types-have-descriptions Query",
        "arguments-have-descriptions Query.described(after:)",
        "fields-have-descriptions Query.bare",
        "types-have-descriptions Stamp",
    ]


def test_an_enum_value_without_a_text_is_found(monkeypatch):
    # given a grants enum whose table lacks one value, as when the enum gains a value and no text
    kinds = GRANTS_ENUMS["RelationshipKind"]
    shortened = {name: text for name, text in kinds.values.items() if name != "FUNDS"}
    monkeypatch.setitem(
        descriptions.GRANTS_ENUMS, "RelationshipKind", EnumTexts(kinds.description, shortened)
    )
    # when the schema is built; then that value, and only it, is reported
    assert undescribed(build_schema()._schema) == ["enum-values-have-descriptions RelationshipKind.FUNDS"]


def test_the_enum_texts_name_exactly_the_values_the_schema_has():
    # given the built schema; then every table names an enum of it, with exactly its values
    enums = {
        name: type_
        for name, type_ in build_schema()._schema.type_map.items()
        if isinstance(type_, GraphQLEnumType)
    }
    assert {name: sorted(texts.values) for name, texts in GRANTS_ENUMS.items()} == {
        name: sorted(enums[name].values) if name in enums else "not an enum of the schema"
        for name in GRANTS_ENUMS
    }


def test_relationship_kinds_say_which_way_the_edge_points():
    # given the texts of RelationshipKind; then each reads the edge from its source to its target
    texts = GRANTS_ENUMS["RelationshipKind"].values
    assert [name for name, text in texts.items() if "source" not in text or "target" not in text] == []
    assert texts["FUNDS"] == (
        "The source pays the target (e.g. SEM funds the canton's programme; FIBL funds an NGO's project)."
    )


async def test_introspection_carries_the_enum_texts():
    # when a client introspects RelationshipKind; then it gets the table's texts
    data = await ok(RELATIONSHIP_KIND)
    kinds = GRANTS_ENUMS["RelationshipKind"]
    assert data["__type"] == {
        "description": kinds.description,
        "enumValues": [{"name": name, "description": text} for name, text in kinds.values.items()],
    }


@pytest.fixture(scope="module")
def printed_sdl() -> str:
    """The SDL as `kipnet schema` prints it."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    done = subprocess.run(
        [KIPNET, "schema"], capture_output=True, text=True, env=environ, timeout=120, check=True
    )
    return done.stdout


def lint(sdl: str) -> list[tuple[str, str]]:
    """(rule, message) of every finding of graphql-schema-linter's five description rules on `sdl`."""
    run = subprocess.run(
        [str(LINTER), "--stdin", "--format", "json", "--rules", ",".join(RULES)],
        input=sdl,
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr  # 1: findings; anything else: it could not lint
    return [(error["rule"], error["message"]) for error in json.loads(run.stdout)["errors"]]


def test_the_printed_sdl_carries_the_enum_texts(printed_sdl: str):
    # given the SDL `kipnet schema` prints; then the enum texts of grants/ are in it
    funds = GRANTS_ENUMS["RelationshipKind"].values["FUNDS"]
    assert f'  """\n  {funds}\n  """\n  FUNDS\n' in printed_sdl


def test_graphql_schema_linter_finds_no_missing_description(printed_sdl: str):
    require_tool("graphql-schema-linter")
    # when the real linter checks the printed SDL with the five description rules; then it finds nothing
    assert lint(printed_sdl) == []


def test_graphql_schema_linter_finds_the_gaps_the_python_check_finds():
    require_tool("graphql-schema-linter")
    # given the schema with one gap of each kind; when the real linter checks it
    findings = lint(GAPS)
    # then it reports the same gaps as the pure-Python check, rule by rule
    assert findings == [
        ("types-have-descriptions", "The object type `Query` is missing a description."),
        ("arguments-have-descriptions", "The `after` argument of `described` is missing a description."),
        ("fields-have-descriptions", "The field `Query.bare` is missing a description."),
        ("fields-have-descriptions", "The field `Named.name` is missing a description."),
        ("types-have-descriptions", "The enum type `Colour` is missing a description."),
        ("enum-values-have-descriptions", "The enum value `Colour.GREEN` is missing a description."),
        ("input-object-values-have-descriptions", "The input value `Filter.text` is missing a description."),
        ("types-have-descriptions", "The scalar type `Stamp` is missing a description."),
    ]
    python = [entry.split()[0] for entry in undescribed(build_sdl(GAPS))]
    assert sorted(rule for rule, _ in findings) == sorted(python)
