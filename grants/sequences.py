"""Named counters for human-readable references, unique even under concurrent use."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from grants.models import Counter


async def next_value(name: str) -> int:
    """Advance the counter `name` (created at 1) and return its new value."""
    return (await next_values(name, 1))[0]


async def next_values(name: str, count: int) -> range:
    """Advance the counter `name` by `count` at once and return the values taken (bulk loads).

    The UPDATE holds the row lock until the transaction ends, so two callers never read the
    same value; on SQLite the single writer serialises them anyway.
    """
    if count < 1:
        raise ValueError(f"a counter advances by at least 1, not {count}")
    for _ in range(3):
        async with in_transaction():
            if await Counter.filter(name=name).update(value=F("value") + count):
                last = (await Counter.get(name=name)).value
                return range(last - count + 1, last + 1)
        try:
            async with in_transaction():
                await Counter.create(name=name, value=count)
                return range(1, count + 1)
        except IntegrityError:  # another caller created it first: advance it instead
            continue
    raise RuntimeError(f"counter {name!r} could not be advanced")
