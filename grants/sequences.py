"""Named counters for human-readable references, unique even under concurrent use."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from grants.models import Counter


async def next_value(name: str) -> int:
    """Advance the counter `name` (created at 1) and return its new value.

    The UPDATE holds the row lock until the transaction ends, so two callers never read the
    same value; on SQLite the single writer serialises them anyway.
    """
    for _ in range(3):
        async with in_transaction():
            if await Counter.filter(name=name).update(value=F("value") + 1):
                return (await Counter.get(name=name)).value
        try:
            async with in_transaction():
                await Counter.create(name=name, value=1)
                return 1
        except IntegrityError:  # another caller created it first: advance it instead
            continue
    raise RuntimeError(f"counter {name!r} could not be advanced")
