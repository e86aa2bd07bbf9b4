"""Named counters for human-readable references, unique even under concurrent use."""

from __future__ import annotations

from grants.models import Counter

# One statement whatever the counter's state: the first use inserts the values taken, every later
# one adds them under the row's lock. There is no window between reading and writing for a
# concurrent caller, and no race to create the row that would need a savepoint and a retry.
_ADVANCE = (
    'INSERT INTO "counter" ("name", "value") VALUES ({name}, {count}) '
    'ON CONFLICT ("name") DO UPDATE SET "value" = "counter"."value" + {count} RETURNING "value"'
)


async def next_value(name: str) -> int:
    """Advance the counter `name` (created at 1) and return its new value."""
    return (await next_values(name, 1))[0]


async def next_values(name: str, count: int) -> range:
    """Advance the counter `name` by `count` at once and return the values taken (bulk loads).

    Call it inside the transaction that uses the values: if that transaction rolls back, so does
    the counter, and the values are given again. The row stays locked until the transaction ends,
    so two callers never take the same value; on SQLite the single writer serialises them anyway.
    """
    if count < 1:
        raise ValueError(f"a counter advances by at least 1, not {count}")
    db = Counter._meta.db
    if db.capabilities.dialect == "postgres":
        sql, values = _ADVANCE.format(name="$1", count="$2"), [name, count]
    else:
        sql, values = _ADVANCE.format(name="?", count="?"), [name, count, count]
    rows = await db.execute_query_dict(sql, values)
    last = int(rows[0]["value"])
    return range(last - count + 1, last + 1)
