"""The cost estimate as a pure function of a document, the schema and the variables sent."""

from __future__ import annotations

from typing import Any

from graphql import FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, build_schema, parse

from schema import SchemaOptions
from schema.base.cost import operation_cost, requested_page
from tests.schema.graphql import SCHEMA
from tests.schema.test_dataloaders import NESTED as DIRECTORY_PAGE

ONE_ORGANISATION = '{ organisation(slug: "ald") { slug name } }'
FIVE_ORGANISATIONS = "{ organisations(first: 5) { edges { node { slug } } } }"
DEFAULT_PAGE = "{ organisations { edges { node { slug } } } }"
VARIABLE_WITH_DEFAULT = "query ($n: Int = 100) { organisations(first: $n) { totalCount } }"
VARIABLE_WITHOUT_DEFAULT = "query ($n: Int) { organisations(first: $n) { totalCount } }"
LITERAL_NULL = "{ organisations(first: null) { totalCount } }"
ALIASED_PAGES = "{ a: organisations(first: 5) { totalCount } b: organisations(first: 5) { totalCount } }"
SPREAD = (
    "query { organisations(first: 2) { edges { node { ...F } } } } fragment F on Organisation { slug name }"
)
CYCLIC = 'query { organisation(slug: "ald") { ...A } } fragment A on Organisation { slug ...A }'
CONDITIONAL = """query ($all: Boolean!) {
  organisations(first: 100) @include(if: $all) { totalCount }
  organisation(slug: "ald") @skip(if: $all) { slug }
}"""
# graphql-core applies an argument's schema default; kipnet's `first` has none, so a small schema shows it
WITH_SCHEMA_DEFAULT = build_schema("type Query { things(first: Int = 7): Page } type Page { count: Int }")


def cost(
    document: str, variables: dict[str, Any] | None = None, schema: GraphQLSchema = SCHEMA._schema
) -> int | None:
    parsed = parse(document)
    fragments = {d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    return operation_cost(schema, operation, fragments, variables or {})


def test_plain_fields_cost_one_each():
    assert cost(ONE_ORGANISATION) == 3


def test_a_connection_multiplies_its_selection_by_first_or_the_default_page_of_20():
    assert cost(FIVE_ORGANISATIONS) == 1 + 5 * 3
    assert cost(DEFAULT_PAGE) == 1 + 20 * 3
    assert cost(VARIABLE_WITHOUT_DEFAULT, {"n": 50}) == 1 + 50


def test_first_is_costed_as_it_runs_whether_given_defaulted_or_null():
    # a variable's default applies when the variable is not sent, and only then
    assert cost(VARIABLE_WITH_DEFAULT) == 1 + 100
    assert cost(VARIABLE_WITH_DEFAULT, {"n": 5}) == 1 + 5
    # null (sent, or written) is the resolvers' default page
    assert cost(VARIABLE_WITH_DEFAULT, {"n": None}) == 1 + 20
    assert cost(LITERAL_NULL) == 1 + 20
    assert cost(VARIABLE_WITHOUT_DEFAULT) == 1 + 20
    # the argument's own schema default
    assert cost("{ things { count } }", schema=WITH_SCHEMA_DEFAULT) == 1 + 7
    assert cost("{ things(first: 2) { count } }", schema=WITH_SCHEMA_DEFAULT) == 1 + 2


def test_variables_that_do_not_fit_are_left_to_execution_which_refuses_them_before_anything_runs():
    assert cost(VARIABLE_WITH_DEFAULT, {"n": "many"}) is None
    assert cost(VARIABLE_WITH_DEFAULT, {"n": 2**40}) is None


def test_the_page_size_rule_of_the_resolvers_with_refused_values_costed_as_asked():
    assert [requested_page(first) for first in (None, 0, 7, 100)] == [20, 0, 7, 100]
    # the resolver refuses these; the estimate does not count on it
    assert [requested_page(first) for first in (-5, 101, 5000)] == [0, 101, 5000]


def test_nested_connections_multiply():
    nested = (
        "{ organisations(first: 10) { edges { node { services(first: 10) { edges { node { slug } } } } } } }"
    )
    assert cost(nested) == 1 + 10 * (1 + (1 + (1 + 10 * 3)))


def test_aliases_count_each_time():
    assert cost(ALIASED_PAGES) == 2 * (1 + 5)


def test_fragments_count_where_they_are_spread_and_cycles_do_not_loop():
    assert cost(SPREAD) == 1 + 2 * (1 + 1 + 2)
    assert cost(CYCLIC) == 2


def test_skipped_and_excluded_fields_cost_nothing():
    assert cost(CONDITIONAL, {"all": False}) == 2
    assert cost(CONDITIONAL, {"all": True}) == 1 + 100


def test_the_documented_pages_and_their_costs():
    # README: a page of 50 organisations with services and relationships, default pages of 20
    assert cost(DIRECTORY_PAGE, {"first": 50}) == 16451
    assert cost(DIRECTORY_PAGE) == 6581
    assert SchemaOptions().max_cost >= 16451
