"""A cost limit: every value costs 1; connections and lists multiply what they select by their length.

A connection's length is the page it will return: its `first` as graphql-core coerces it for execution
(variable defaults, schema defaults and nulls included) through the page-size rule of the resolvers. A
list without paging counts as long as the domain lets it be (schema/base/list_bounds.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLIncludeDirective,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
)
from graphql.execution.values import (
    VariableValues,
    get_argument_values,
    get_directive_values,
    get_variable_values,
)
from strawberry.extensions import SchemaExtension

from grants.errors import DomainError
from grants.pagination import page_size
from schema.base.list_bounds import list_bound
from schema.base.prechecks import DocumentFacts, PreExecutionCheck

PAGE_ARGUMENT = "first"


def requested_page(first: int | None) -> int:
    """The number of items a connection returns for the coerced `first`, as the resolvers decide it.

    A `first` the rule refuses fails the field when it runs; it still counts as asked (never below
    0), so the estimate does not depend on every resolver applying the rule.
    """
    try:
        return page_size(first)
    except DomainError:
        return max(first or 0, 0)


class _Estimate:
    """Walks one operation with its coerced variables; unknown fields and fragments cost 1."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: VariableValues,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def included(self, node: SelectionNode) -> bool:
        """False when @skip or @include leave `node` out of the execution."""
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip is not None and skip["if"]:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return include is None or bool(include["if"])

    def selection_set(
        self, selections: SelectionSetNode | None, parent: GraphQLNamedType | None, seen: frozenset[str]
    ) -> int:
        """The cost of everything selected below `parent`."""
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if not self.included(selection):
                continue
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, target, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_set(fragment.selection_set, target, seen | {name})
        return total

    def length(self, parent: GraphQLNamedType, node: FieldNode, definition: GraphQLField) -> int | None:
        """How many items the field returns: its page, its list bound, 1; None if it fails first."""
        try:
            # graphql-core's own coercion: what the resolver will receive, defaults applied
            arguments = get_argument_values(definition, node, self.variables)
        except GraphQLError:
            return None
        page = definition.args.get(PAGE_ARGUMENT)
        if page is not None:
            return requested_page(arguments.get(page.out_name or PAGE_ARGUMENT))
        if is_list_type(get_nullable_type(definition.type)):
            return list_bound(f"{parent.name}.{node.name.value}")
        return 1

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, seen: frozenset[str]) -> int:
        """1 for the field, plus each item's cost (its selection, or 1 for a scalar) times its length."""
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 1
        length = self.length(parent, node, definition)
        if length is None:
            return 1  # its arguments are refused when it runs: nothing below it resolves
        below = self.selection_set(node.selection_set, get_named_type(definition.type), seen)
        if node.selection_set is None and is_list_type(get_nullable_type(definition.type)):
            below = 1  # each scalar of a list is a value to produce
        return 1 + length * below


def operation_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> int | None:
    """The most values an operation can resolve with the variables sent as they are.

    None if the variables do not fit the operation: execution refuses them before anything runs.
    """
    coerced = get_variable_values(schema, operation.variable_definitions or (), dict(variables))
    if isinstance(coerced, list):
        return None
    root = schema.get_root_type(operation.operation)
    return _Estimate(schema, fragments, coerced).selection_set(operation.selection_set, root, frozenset())


def cost_limiter(max_cost: int) -> Callable[[], SchemaExtension]:
    """An extension factory refusing operations whose cost exceeds `max_cost`, before they run."""

    # Without variables, an operation costs the same on every request: worked out once per document.
    costs: DocumentFacts[int | None] = DocumentFacts()

    class QueryCostLimiter(PreExecutionCheck):
        def refusal(self, document: DocumentNode) -> GraphQLError | None:
            context = self.execution_context
            operation = get_operation_ast(document, context.operation_name)
            variables = context.variables or {}
            if operation is None or not isinstance(variables, Mapping):
                return None  # execution refuses these itself, before any resolver

            def work_out() -> int | None:
                fragments = {
                    d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
                }
                return operation_cost(context.schema._schema, operation, fragments, variables)

            if variables or context.query is None:
                cost = work_out()
            else:
                cost = costs.get((context.query, context.operation_name), work_out)
            if cost is None or cost <= max_cost:
                return None
            return GraphQLError(
                f"The query costs {cost}, more than the limit of {max_cost}: ask for "
                "smaller pages (`first`), fewer nested lists or fewer aliases",
                nodes=[operation],
                extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": max_cost},
            )

    return QueryCostLimiter
