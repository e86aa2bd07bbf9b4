"""Refuse text no database can hold: NUL (U+0000) and lone surrogates (U+D800..U+DFFF), anywhere in a request.

PostgreSQL cannot store or compare NUL; a lone surrogate (valid in JSON as "\\ud800", not in UTF-8)
cannot be encoded for either database. Both are refused before anything runs.
"""

from __future__ import annotations

import re
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit

from schema.base.prechecks import DocumentFacts, PreExecutionCheck

NUL = "\x00"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MESSAGE = "Text must not contain NUL characters (U+0000) or lone surrogates (U+D800 to U+DFFF)"


def contains_nul(value: Any) -> bool:
    """True if `value` (a variable value: text, list, object) holds a NUL or a lone surrogate anywhere."""
    if isinstance(value, str):
        return UNSTORABLE.search(value) is not None
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
        if UNSTORABLE.search(node.value):
            self.found = node
            return self.BREAK
        return None


def first_unstorable_literal(document: DocumentNode) -> StringValueNode | None:
    """The first string literal of `document` holding NUL or a lone surrogate, if any."""
    finder = _FindNul()
    visit(document, finder)
    return finder.found


#: The literal found in each document (the same for every request sending it), by its text.
_LITERALS: DocumentFacts[StringValueNode | None] = DocumentFacts()


class NulCharacterGuard(PreExecutionCheck):
    """A request error, before anything runs, for NUL in a string literal or in a variable."""

    def refusal(self, document: DocumentNode) -> GraphQLError | None:
        """The error naming the first literal with NUL, or the variables; None if there is none."""
        text = self.execution_context.query
        found = (
            _LITERALS.get(text, lambda: first_unstorable_literal(document))
            if text is not None
            else first_unstorable_literal(document)
        )
        if found is None and not contains_nul(self.execution_context.variables or {}):
            return None
        nodes = [found] if found is not None else None
        return GraphQLError(MESSAGE, nodes=nodes, extensions={"code": "INVALID"})
