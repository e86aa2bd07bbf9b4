"""Public answers from memory: an anonymous query asked again before the data changed is not run again.

Everything that runs the schema passes here, the /graphql endpoint and the portal's pages alike.
An answer is public when nobody signed in asked (no bearer token, not even an invalid one), it is
a query, and it came out without errors; it is then the same for everyone who asks the same
document with the same variables and languages, until the data generation, the year or a call's
opening or closing moves the `Stamp` on (grants/freshness.py). Answers are kept as JSON so that no
caller can change another caller's copy.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from grants.freshness import Freshness, Stamp, StampedCache

#: What a public answer tells HTTP caches: anyone may keep it, but must ask again (an ETag makes that cheap).
PUBLIC_HEADERS = {"cache-control": "public, no-cache", "vary": "Accept, Accept-Language"}
#: The stamp a public answer was computed under, for the HTTP layer (server/public_cache.py takes it off).
STAMP_HEADER = "x-kipnet-stamp"


class PublicResults:
    """The public answers of one process, kept under the stamp they were computed at."""

    def __init__(self, freshness: Freshness, max_bytes: int) -> None:
        self.freshness = freshness
        self.cache: StampedCache[bytes] = StampedCache(max_bytes)


class PublicResultCache(SchemaExtension):
    """Answer a public query from `PublicResults` when it can; keep a new public answer there."""

    def __init__(self, results: PublicResults) -> None:
        self.results = results

    async def on_execute(self) -> AsyncIterator[None]:
        """Around execution: a kept answer instead of running it, or keep what running gave."""
        ec = self.execution_context
        context = ec.context
        if ec.result is not None or not _asked_in_public(ec.operation_type, context):
            yield
            return
        stamp = await self.results.freshness.stamp(context.now())
        key = (ec.query, ec.operation_name, _canonical(ec.variables), tuple(context.languages))
        kept = self.results.cache.get(stamp, key)
        if kept is not None:
            ec.result = GraphQLExecutionResult(data=json.loads(kept), errors=None)
            _say_public(context, stamp)
            yield
            return
        yield
        result: Any = ec.result  # graphql-core's result, as execution left it
        if result is not None and not result.errors and result.data is not None:
            answer = json.dumps(result.data, separators=(",", ":")).encode()
            self.results.cache.put(stamp, key, answer, len(answer) + len(ec.query or ""))
            _say_public(context, stamp)


def public_result_cache(results: PublicResults) -> Callable[[], PublicResultCache]:
    """The extension factory for `build_schema` (one extension per operation, one cache for all)."""
    return lambda: PublicResultCache(results)


def _say_public(context: Any, stamp: Stamp) -> None:
    context.response_headers.update(PUBLIC_HEADERS)
    context.response_headers[STAMP_HEADER] = str(stamp)


def _asked_in_public(operation: OperationType, context: Any) -> bool:
    return (
        operation is OperationType.QUERY
        and getattr(context, "bearer_token", True) is None
        and getattr(context, "actor", True) is None
    )


def _canonical(variables: dict[str, Any] | None) -> str:
    return json.dumps(variables or {}, sort_keys=True, separators=(",", ":"), default=str)
