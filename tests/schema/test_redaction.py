"""Production error messages name no schema element the request did not name itself; development helps."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from graphql import (
    DocumentNode,
    GraphQLError,
    Lexer,
    Source,
    StringValueNode,
    TokenKind,
    Visitor,
    parse,
    print_ast,
    specified_rules,
    visit,
)
from graphql.execution.values import get_variable_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries
from strawberry.schema.schema import validate_document

from schema import SchemaOptions, build_schema
from schema.base.redaction import HIDDEN, UNREADABLE, RequestText, bare_names, redact, redacted
from schema.context import Context

PRODUCTION = build_schema(SchemaOptions(production=True))
DEVELOPMENT = build_schema(SchemaOptions(production=False))
SDL = DEVELOPMENT.as_str()

MISSPELLED_FIELD = "{ programmes { cod } }"
MISSPELLED_ARGUMENT = '{ organisation(slg: "ald") { name } }'
MISSING_ARGUMENT = "{ organisation { name } }"
MISSPELLED_ENUM_LITERAL = "{ organisations(filter: {kind: [NGOO]}) { totalCount } }"
ENUM_VARIABLE = "query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }"
STATUS_VARIABLE = "query ($s: CallStatus) { fundingCalls(status: $s) { id } }"
MISSPELLED_TYPE_CONDITION = '{ node(id: "x") { ... on Organisaton { id } } }'
MISSPELLED_FRAGMENT_TYPE = '{ node(id: "x") { ...F } } fragment F on Organisaton { id }'
MISSPELLED_INPUT_FIELD = "{ organisations(filter: {knd: [NGO]}) { totalCount } }"
MISSING_INPUT_FIELD = "mutation { createOrganisation(input: {kind: NGO}) { errors { code } } }"
CREATE_BY_VARIABLE = (
    "mutation ($i: CreateOrganisationInput!) { createOrganisation(input: $i) { errors { code } } }"
)
WRONG_VARIABLE_TYPE = "query ($c: Int) { organisation(slug: $c) { name } }"
WRONG_LITERAL_TYPE = '{ organisations(first: "many") { totalCount } }'
NO_SUBFIELDS = '{ organisation(slug: "ald") }'
SPREAD_ON_WRONG_TYPE = "{ programmes { ... on Query { viewer { email } } } }"
STRING_FOR_ENUM = '{ fundingCalls(status: "OPEN") { id } }'
DEEP = (
    '{ organisation(slug: "ald") { '
    + "relationships { edges { node { source { " * 3
    + "slug"
    + " } } } }" * 3
    + " } }"
)


def messages(schema: Any, document: str, variables: dict[str, Any] | None = None) -> list[str]:
    result = asyncio.run(schema.execute(document, variable_values=variables, context_value=Context()))
    assert result.data is None
    return [error.message for error in result.errors or ()]


@pytest.mark.parametrize(
    ("document", "variables", "expected"),
    [
        (MISSPELLED_FIELD, None, ["Cannot query field 'cod' on type (hidden)."]),
        (
            MISSPELLED_ARGUMENT,
            None,
            [
                "Unknown argument 'slg' on field (hidden).",
                "Argument (hidden) of type (hidden) is required, but it was not provided.",
            ],
        ),
        (
            MISSING_ARGUMENT,
            None,
            ["Argument (hidden) of type (hidden) is required, but it was not provided."],
        ),
        (MISSPELLED_ENUM_LITERAL, None, ["Value 'NGOO' does not exist in (hidden) enum."]),
        (
            ENUM_VARIABLE,
            {"f": {"kind": ["NGOO"]}},
            ["Variable '$f' has invalid value at .kind[0]: Value 'NGOO' does not exist in (hidden) enum."],
        ),
        (
            STATUS_VARIABLE,
            {"s": "OPN"},
            ["Variable '$s' has invalid value: Value 'OPN' does not exist in 'CallStatus' enum."],
        ),
        (MISSPELLED_TYPE_CONDITION, None, ["Unknown type 'Organisaton'."]),
        (MISSPELLED_FRAGMENT_TYPE, None, ["Unknown type 'Organisaton'."]),
        (
            MISSPELLED_INPUT_FIELD,
            None,
            ["Expected value of type (hidden) not to include unknown field 'knd'. Found: { knd: [NGO] }."],
        ),
        (
            ENUM_VARIABLE,
            {"f": {"knd": ["NGO"]}},
            [
                "Variable '$f' has invalid value: Expected value of type 'OrganisationFilter' not to include "
                "unknown field 'knd'. Found: {'knd': ['NGO']}."
            ],
        ),
        (
            MISSING_INPUT_FIELD,
            None,
            ["Expected value of type (hidden) to include required field (hidden), found: { kind: NGO }."],
        ),
        (
            CREATE_BY_VARIABLE,
            {"i": {"kind": "NGO"}},
            [
                "Variable '$i' has invalid value: Expected value of type 'CreateOrganisationInput' to include "
                "required field (hidden), found: {'kind': 'NGO'}."
            ],
        ),
        (
            WRONG_VARIABLE_TYPE,
            {"c": 5},
            ["Variable '$c' of type 'Int' used in position expecting type (hidden)."],
        ),
        (WRONG_LITERAL_TYPE, None, ['(hidden) cannot represent non-integer value: "many"']),
        (NO_SUBFIELDS, None, ["Field 'organisation' of type (hidden) must have a selection of subfields."]),
        (
            SPREAD_ON_WRONG_TYPE,
            None,
            ["Fragment cannot be spread here as objects of type (hidden) can never be of type 'Query'."],
        ),
        (STRING_FOR_ENUM, None, ['Enum (hidden) cannot represent non-enum value: "OPEN".']),
        (DEEP, None, ["'anonymous' exceeds maximum operation depth of 10"]),
    ],
)
def test_production_messages_name_only_what_the_request_named(document, variables, expected):
    assert messages(PRODUCTION, document, variables) == expected


def test_development_keeps_the_helpful_messages():
    assert messages(DEVELOPMENT, MISSPELLED_ARGUMENT) == [
        "Unknown argument 'slg' on field 'Query.organisation'. Did you mean 'slug'?",
        "Argument 'Query.organisation(slug:)' of type 'String!' is required, but it was not provided.",
    ]
    assert messages(DEVELOPMENT, ENUM_VARIABLE, {"f": {"kind": ["NGOO"]}}) == [
        "Variable '$f' has invalid value at .kind[0]: Value 'NGOO' does not exist in 'OrganisationKind' enum. "
        "Did you mean the enum value 'NGO'?"
    ]


def test_syntax_errors_pass_unchanged():
    assert messages(PRODUCTION, "{ programmes(code: 'x') { code } }") == [
        "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?"
    ]


def test_quotes_in_the_clients_own_text_cannot_shift_the_quotes_of_the_message():
    # given variables whose texts hold an odd number of quotes (unmasked, they would shift the pairs)
    variables = {"f": {"kind": ["it's"], "x'y": 1}}
    # then the client's texts come back as sent, and the schema's names stay hidden
    assert messages(PRODUCTION, ENUM_VARIABLE, variables) == [
        "Variable '$f' has invalid value at .kind[0]: Value 'it's' does not exist in (hidden) enum.",
        "Variable '$f' has invalid value: Expected value of type 'OrganisationFilter' not to include "
        "unknown field 'x'y', found: {'kind': [\"it's\"], \"x'y\": 1}.",
    ]


def test_a_lone_quote_of_the_client_cannot_stand_for_the_quotes_of_the_message():
    # given a variable that is just a quote, and a document missing an argument it does not name
    assert messages(PRODUCTION, "query ($q: String) { organisation { name(lang: $q) } }", {"q": "'"}) == [
        "Argument (hidden) of type 'String!' is required, but it was not provided."
    ]


def test_quotes_that_cannot_be_paired_make_the_whole_message_unreadable():
    request = RequestText("{ a }", {}, None)
    names = bare_names(PRODUCTION._schema)
    assert redact("Value 'x' does not exist in 'Secret enum.", request, names) == UNREADABLE
    assert redact("Value 'a' does not exist in 'OrganisationKind'.", request, names) == (
        f"Value 'a' does not exist in {HIDDEN}."
    )


# --- the rule itself, over many broken documents and variables -------------------------------------

QUOTED = re.compile(r"'([^']*)'")
WORD = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
RULES = tuple(specified_rules)


def client_texts(document: str, variables: Any) -> list[str]:
    """The document's string literals, and the variables' keys and text values."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                texts.append(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(variables)
    texts += [node.value for node in strings_of(parse(document))]
    return texts


def strings_of(document: DocumentNode) -> list[StringValueNode]:
    found: list[StringValueNode] = []

    class Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            found.append(node)

    visit(document, Strings())
    return found


def without_client_text(message: str, texts: list[str]) -> str:
    """`message` with the client's own texts holding quotes (as graphql-core prints them) blanked out."""
    for text in sorted((text for text in texts if "'" in text), key=len, reverse=True):
        for form in (repr(text), print_ast(StringValueNode(value=text)), f"'{text}'", f".{text}"):
            message = message.replace(form, " ")
    return message


def assert_names_only_request_words(errors: list[GraphQLError], document: str, variables: Any = None) -> None:
    texts = client_texts(document, variables)
    words = set(WORD.findall(" ".join([document, *texts]))) | {"anonymous"}
    names = bare_names(PRODUCTION._schema)
    for error in redacted(errors, RequestText(document, variables, parse(document)), names):
        assert "Did you mean" not in error.message, error.message
        message = without_client_text(error.message, texts)
        for quoted in QUOTED.findall(message):
            assert set(WORD.findall(quoted)) <= words, (error.message, document, variables)
        assert not (set(WORD.findall(message)) & names) - words, (error.message, document, variables)


def misspell(document: str, seed: int) -> str:
    """`document` with one of its names (field, argument, type, enum value) one letter off."""
    lexer = Lexer(Source(document))
    spans = []
    while (token := lexer.advance()).kind is not TokenKind.EOF:
        if token.kind is TokenKind.NAME and token.value not in {"query", "mutation", "fragment", "on"}:
            spans.append((token.start, token.end))
    start, end = spans[seed % len(spans)]
    return document[:start] + document[start : end - 1] + "q" + document[end:]


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


#: Arguments of scalars hypothesis-graphql cannot make by itself (duePayments takes a Date).
SCALARS = {"Date": st.dates().map(lambda day: nodes.String(day.isoformat()))}


@FUZZ
@given(document=queries(SDL, custom_scalars=SCALARS), seed=st.integers(min_value=0, max_value=10_000))
def test_no_validation_message_names_what_a_misspelled_document_did_not(document: str, seed: int) -> None:
    broken = misspell(document, seed)
    errors = validate_document(PRODUCTION._schema, parse(broken), RULES)
    assert_names_only_request_words(errors, broken)


# Texts rich in quotes and in the schema's own words, the material a message could be confused by.
TEXT = st.lists(
    st.characters() | st.sampled_from(["'", '"', "\\", " ", ".", "kind", "name", "NGO", "slug"]), max_size=6
).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
MUTATIONS = PRODUCTION._schema.mutation_type
assert MUTATIONS is not None
VARIABLE_DOCUMENTS = [
    f"mutation ($input: {field.args['input'].type}) {{ {name}(input: $input) {{ __typename }} }}"
    for name, field in MUTATIONS.fields.items()
    if "input" in field.args
] + [ENUM_VARIABLE, STATUS_VARIABLE]


@FUZZ
@given(document=st.sampled_from(VARIABLE_DOCUMENTS), value=JSON)
def test_no_coercion_message_names_what_the_variables_did_not(document: str, value: Any) -> None:
    operation = parse(document).definitions[0]
    name = operation.variable_definitions[0].variable.name.value  # type: ignore[attr-defined]
    outcome = get_variable_values(PRODUCTION._schema, operation.variable_definitions, {name: value})  # type: ignore[attr-defined]
    if isinstance(outcome, list):
        assert_names_only_request_words(outcome, document, {name: value})
