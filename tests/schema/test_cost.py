"""The cost estimate as a pure function of a document, the schema and the variables sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FragmentDefinitionNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    get_named_type,
    get_nullable_type,
    is_list_type,
    parse,
)

from schema import SchemaOptions
from schema.base.cost import operation_cost, requested_page
from schema.base.list_bounds import LIST_BOUNDS, PAGED_BY_CONNECTION
from tests.schema.graphql import SCHEMA
from tests.schema.test_applications import NESTED as APPLICATIONS_PAGE
from tests.schema.test_dataloaders import NESTED as DIRECTORY_PAGE

ONE_ORGANISATION = '{ organisation(slug: "ald") { slug name } }'
FIVE_ORGANISATIONS = "{ organisations(first: 5) { edges { node { slug } } } }"
DEFAULT_PAGE = "{ organisations { edges { node { slug } } } }"
VARIABLE_WITH_DEFAULT = "query ($n: Int = 100) { organisations(first: $n) { totalCount } }"
VARIABLE_WITHOUT_DEFAULT = "query ($n: Int) { organisations(first: $n) { totalCount } }"
LITERAL_NULL = "{ organisations(first: null) { totalCount } }"
ALIASED_PAGES = "{ a: organisations(first: 5) { totalCount } b: organisations(first: 5) { totalCount } }"
ALIASED_BUDGET_LINES = """{
  a: application(reference: "KIP-2026-0001") { budgetLines { amount { amount } } }
  b: application(reference: "KIP-2026-0002") { budgetLines { amount { amount } } }
  c: application(reference: "KIP-2026-0003") { budgetLines { amount { amount } } }
}"""
SPREAD = (
    "query { organisations(first: 2) { edges { node { ...F } } } } fragment F on Organisation { slug name }"
)
CYCLIC = 'query { organisation(slug: "ald") { ...A } } fragment A on Organisation { slug ...A }'
LISTS_IN_A_CONNECTION = """
query ($n: Int = 10) { applications(first: $n) { edges { node { ...Lists } } } }
fragment Lists on Application { budgetLines { description } municipalities { slug } }
"""
CONNECTION_IN_A_LIST = (
    '{ partnerNetwork(root: "sem") { organisations { services(first: 5) { totalCount } } } }'
)
SCALAR_LIST = '{ organisation(slug: "ald") { languages } }'
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


def test_lists_without_paging_multiply_by_their_bound():
    # budget lines 200, municipalities 100, a partner network 300 organisations
    assert cost(LISTS_IN_A_CONNECTION) == 1 + 10 * (1 + (1 + (1 + 200 * 1) + (1 + 100 * 1)))
    assert cost(LISTS_IN_A_CONNECTION, {"n": 50}) == 1 + 50 * 304
    assert cost(CONNECTION_IN_A_LIST) == 1 + (1 + 300 * (1 + 5 * 1))
    # each scalar of a list is a value: an organisation's 30 languages at most
    assert cost(SCALAR_LIST) == 1 + (1 + 30)


def test_aliases_count_each_time_and_budget_lines_are_not_free():
    assert cost(ALIASED_PAGES) == 2 * (1 + 5)
    assert cost(ALIASED_BUDGET_LINES) == 3 * (1 + (1 + 200 * (1 + 1)))


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
    # staff's page of applications with every list of each: 30 fit under the limit, 50 do not
    assert cost(APPLICATIONS_PAGE, {"first": 30}) == 23911
    assert cost(APPLICATIONS_PAGE, {"first": 50}) == 39851
    assert 23911 <= SchemaOptions().max_cost < 39851


def _fields(schema: GraphQLSchema) -> Iterator[tuple[str, Any]]:
    for name, type_ in schema.type_map.items():
        if not name.startswith("__") and isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                yield f"{name}.{field_name}", field


def test_every_unpaged_list_field_has_a_declared_bound_and_every_bound_a_list_field():
    lists = {
        coordinate
        for coordinate, field in _fields(SCHEMA._schema)
        if is_list_type(get_nullable_type(field.type)) and "first" not in field.args
    }
    assert sorted(lists - set(LIST_BOUNDS)) == []
    assert sorted(set(LIST_BOUNDS) - lists) == []


def test_edges_counted_once_belong_to_connections_that_every_field_pages_with_first():
    connections = {c.split(".")[0] for c, bound in LIST_BOUNDS.items() if bound == PAGED_BY_CONNECTION}
    unpaged = [
        coordinate
        for coordinate, field in _fields(SCHEMA._schema)
        if get_named_type(field.type).name in connections and "first" not in field.args
    ]
    assert unpaged == []
