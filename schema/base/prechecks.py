"""Checks that refuse a document after it validated and before anything runs (cost, NUL characters)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension

T = TypeVar("T")


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


class DocumentFacts(Generic[T]):
    """What a check worked out about a document, kept by the document's text (with what else it depends on).

    Clients send the same few documents again and again, and the parser cache hands back the same
    document for the same text: whatever follows from the document alone needs working out once,
    not per request. The text is the key because its hash is cached, a document's is not (hashing
    a frozen syntax tree walks all of it). The least recently used facts go first.
    """

    def __init__(self, maxsize: int = 256) -> None:
        self.maxsize = maxsize
        self._kept: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, key: Hashable, work_out: Callable[[], T]) -> T:
        """The fact kept under `key`, else what `work_out` gives (kept from now on)."""
        try:
            self._kept.move_to_end(key)
            return self._kept[key]
        except KeyError:
            fact = self._kept[key] = work_out()
            if len(self._kept) > self.maxsize:
                self._kept.popitem(last=False)
            return fact
