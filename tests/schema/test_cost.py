"""The cost estimate as a pure function of a document, the schema and the variables."""

from __future__ import annotations

from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from schema import SchemaOptions
from schema.base.cost import operation_cost
from tests.schema.graphql import SCHEMA
from tests.schema.test_dataloaders import NESTED as NESTED_PAGE


def cost(document: str, variables: dict[str, int] | None = None) -> int:
    parsed = parse(document)
    fragments = {d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    return operation_cost(SCHEMA._schema, operation, fragments, variables or {})


def test_plain_fields_cost_one_each():
    assert cost("{ programmes { code name } }") == 3


def test_a_connection_multiplies_its_selection_by_first_or_the_default_page_of_20():
    assert cost("{ organisations(first: 5) { edges { node { slug } } } }") == 1 + 5 * 3
    assert cost("{ organisations { edges { node { slug } } } }") == 1 + 20 * 3
    assert cost("query ($n: Int) { organisations(first: $n) { totalCount } }", {"n": 50}) == 1 + 50


def test_nested_connections_multiply():
    nested = (
        "{ organisations(first: 10) { edges { node { services(first: 10) { edges { node { slug } } } } } } }"
    )
    assert cost(nested) == 1 + 10 * (1 + (1 + (1 + 10 * 3)))


def test_fragments_count_where_they_are_spread_and_cycles_do_not_loop():
    spread = "query { organisations(first: 2) { edges { node { ...F } } } } fragment F on Organisation { slug name }"
    assert cost(spread) == 1 + 2 * (1 + 1 + 2)
    cyclic = "query { programmes { ...A } } fragment A on Programme { code ...A }"
    assert cost(cyclic) == 2


def test_the_nested_directory_page_of_50_stays_under_the_default_limit():
    data_loader_page = cost(NESTED_PAGE, {"first": 50})
    assert data_loader_page == 16451
    assert data_loader_page <= SchemaOptions().max_cost
