"""Checks that refuse a document after it validated and before anything runs (cost, NUL characters)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension


class PreExecutionCheck(SchemaExtension):
    """Refuse a valid document with the error `refusal` names; list it after ValidationCache.

    ValidationCache validates before its own yield, so a check listed after it sees the verdict
    and looks only at valid documents; its error then stands where validation errors stand.
    """

    def refusal(self, document: DocumentNode) -> GraphQLError | None:
        """Why `document` must not run, or None."""
        raise NotImplementedError

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and not context.pre_execution_errors:
            error = self.refusal(context.graphql_document)
            if error is not None:
                context.pre_execution_errors = [error]
        yield
