"""A cost limit: every field costs 1, and a connection multiplies what it selects by its page size."""

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
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_operation_ast,
)
from graphql.type.definition import GraphQLInterfaceType
from strawberry.extensions import SchemaExtension

from grants.pagination import DEFAULT_PAGE_SIZE
from schema.base.prechecks import PreExecutionCheck

PAGE_ARGUMENT = "first"


class _Estimate:
    """Walks one operation; unknown fields and fragments cost 1 (validation reports them)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def page_size(self, node: FieldNode, definition: GraphQLField) -> int:
        """The `first` a connection field is asked for, its default, or the service default."""
        if PAGE_ARGUMENT not in definition.args:
            return 1
        for argument in node.arguments or ():
            if argument.name.value != PAGE_ARGUMENT:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                return max(int(value.value), 0)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                return given if isinstance(given, int) and given >= 0 else DEFAULT_PAGE_SIZE
        return DEFAULT_PAGE_SIZE

    def selection_set(
        self, selections: SelectionSetNode | None, parent: GraphQLNamedType | None, seen: frozenset[str]
    ) -> int:
        """The cost of everything selected below `parent`."""
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
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

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, seen: frozenset[str]) -> int:
        """1 for the field, plus its selection times its page size."""
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 1
        below = self.selection_set(node.selection_set, get_named_type(definition.type), seen)
        return 1 + self.page_size(node, definition) * below


def operation_cost(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> int:
    """The estimated number of fields an operation resolves at most."""
    root = schema.get_root_type(operation.operation)
    return _Estimate(schema, fragments, variables).selection_set(operation.selection_set, root, frozenset())


def cost_limiter(max_cost: int) -> Callable[[], SchemaExtension]:
    """An extension factory refusing operations whose cost exceeds `max_cost`, before they run."""

    class QueryCostLimiter(PreExecutionCheck):
        def refusal(self, document: DocumentNode) -> GraphQLError | None:
            context = self.execution_context
            operation = get_operation_ast(document, context.operation_name)
            if operation is None:
                return None
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            cost = operation_cost(context.schema._schema, operation, fragments, context.variables or {})
            if cost <= max_cost:
                return None
            return GraphQLError(
                f"The query costs {cost}, more than the limit of {max_cost}: ask for "
                "smaller pages (`first`) or fewer nested connections",
                nodes=[operation],
                extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "limit": max_cost},
            )

    return QueryCostLimiter
