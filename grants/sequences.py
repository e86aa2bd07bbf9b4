"""Named counters for human-readable references, unique even under concurrent use."""

from __future__ import annotations

from grants.models import Counter

# One statement whatever the counter's state: the first use inserts 1, every later one adds 1 under
# the row's lock. There is no window between reading and writing for a concurrent caller, and no
# race to create the row that would need a savepoint and a retry.
_ADVANCE = (
    'INSERT INTO "counter" ("name", "value") VALUES ({name}, 1) '
    'ON CONFLICT ("name") DO UPDATE SET "value" = "counter"."value" + 1 RETURNING "value"'
)


async def next_value(name: str) -> int:
    """Advance the counter `name` (created at 1) and return its new value.

    Call it inside the transaction that uses the value: if that transaction rolls back, so does
    the counter, and the number is given again. The row stays locked until the transaction ends,
    so two callers never read the same value; on SQLite the single writer serialises them anyway.
    """
    db = Counter._meta.db
    placeholder = "$1" if db.capabilities.dialect == "postgres" else "?"
    rows = await db.execute_query_dict(_ADVANCE.format(name=placeholder), [name])
    return int(rows[0]["value"])
