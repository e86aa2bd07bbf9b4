"""One way into a write transaction: constraint violations leave it as CONFLICT refusals.

The database holds invariants that concurrent requests could otherwise break (unique slugs and
references, one waiting report per project, foreign keys to rows deleted meanwhile). When one of
them stops a write, the caller gets a DomainError like any other refusal, never a driver error.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from grants.errors import DomainError, ErrorCode, Problem

#: What a refused write says when its caller has nothing more precise to say.
CONFLICT = Problem(
    ErrorCode.CONFLICT, "This conflicts with a change made at the same time; reload and try again"
)


@asynccontextmanager
async def atomic(conflict: Problem = CONFLICT) -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction (a savepoint when nested) whose constraint violations raise `conflict`; yields its
    connection, for raw statements (on SQLite another connection would wait for this transaction)."""
    try:
        async with in_transaction() as connection:
            yield connection
    except IntegrityError as error:
        raise DomainError([conflict]) from error
