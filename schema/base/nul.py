"""Refuse NUL characters (U+0000) in any text a request carries: PostgreSQL cannot store or compare them."""

from __future__ import annotations

from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit

from schema.base.prechecks import PreExecutionCheck

NUL = "\x00"
MESSAGE = "Text must not contain NUL characters (U+0000)"


def contains_nul(value: Any) -> bool:
    """True if `value` (a variable value: text, list, object) holds a NUL character anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False


class _FindNul(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: StringValueNode | None = None

    def enter_string_value(self, node: StringValueNode, *_: Any) -> Any:
        if NUL in node.value:
            self.found = node
            return self.BREAK
        return None


class NulCharacterGuard(PreExecutionCheck):
    """A request error, before anything runs, for NUL in a string literal or in a variable."""

    def refusal(self, document: DocumentNode) -> GraphQLError | None:
        """The error naming the first literal with NUL, or the variables; None if there is none."""
        finder = _FindNul()
        visit(document, finder)
        if finder.found is None and not contains_nul(self.execution_context.variables or {}):
            return None
        nodes = [finder.found] if finder.found is not None else None
        return GraphQLError(MESSAGE, nodes=nodes, extensions={"code": "INVALID"})
