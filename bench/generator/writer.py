"""Bulk writing of generated rows in one transaction per batch, on SQLite and PostgreSQL.

Ids that other rows point to are taken before the rows are built: on PostgreSQL from the tables'
own sequences (so a server writing at the same time never gets the same id), on SQLite as the
next free ids under the batch's write lock. Rows nobody points to get their ids from the database.
SQLite stores values as Tortoise writes them (text times, two-decimal amounts, compact JSON);
PostgreSQL receives them by COPY, typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

#: Tables whose rows the generator numbers itself because other rows point to them.
NUMBERED = ("application", "review", "award", "payment_tranche", "project_report")


def dialect(client: BaseDBAsyncClient) -> str:
    """ "sqlite" or "postgres"."""
    return str(client.capabilities.dialect)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return str(value)  # how Tortoise stores times on SQLite: "2024-02-01 09:30:00+00:00"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"))
    return value


def _postgres_value(value: Any) -> Any:
    return json.dumps(value, separators=(",", ":")) if isinstance(value, dict | list) else value


async def take_ids(client: BaseDBAsyncClient, table: str, count: int) -> Iterator[int]:
    """`count` ids for new rows of `table`, inside the batch's transaction."""
    if dialect(client) == "postgres":
        _, rows = await client.execute_query(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS id FROM generate_series(1, $1)",
            [count],
        )
        return iter([row["id"] for row in rows])
    _, rows = await client.execute_query(f'SELECT COALESCE(MAX(id), 0) AS top FROM "{table}"')
    top = int(rows[0]["top"])
    return iter(range(top + 1, top + count + 1))


async def insert(client: BaseDBAsyncClient, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table` within the current transaction."""
    if not rows:
        return
    columns = list(rows[0])
    if dialect(client) == "postgres":
        async with client.acquire_connection() as connection:
            await connection.copy_records_to_table(
                table,
                columns=columns,
                records=[tuple(_postgres_value(row[c]) for c in columns) for row in rows],
            )
        return
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    await client.execute_many(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        [[_sqlite_value(row[c]) for c in columns] for row in rows],
    )
