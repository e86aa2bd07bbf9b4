"""The embedded SQLite default runs with WAL, foreign keys, a busy timeout and a 64 MiB page cache."""

from __future__ import annotations

import pytest
from tortoise import Tortoise

from grants.database import database_url


def test_sqlite_urls_get_a_busy_timeout_and_a_page_cache_and_others_stay_as_given():
    assert (
        database_url("sqlite://kipnet.sqlite3")
        == "sqlite://kipnet.sqlite3?busy_timeout=5000&cache_size=-65536"
    )
    assert (
        database_url("sqlite:///x.db?journal_mode=wal")
        == "sqlite:///x.db?journal_mode=wal&busy_timeout=5000&cache_size=-65536"
    )
    assert (
        database_url("sqlite://x.db?busy_timeout=10&cache_size=-2000")
        == "sqlite://x.db?busy_timeout=10&cache_size=-2000"
    )
    assert database_url("postgres://u@h/db") == "postgres://u@h/db"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_sqlite_pragmas_are_set(db):
    connection = Tortoise.get_connection("default")
    answers = {}
    for pragma in ("journal_mode", "foreign_keys", "busy_timeout", "cache_size"):
        _, rows = await connection.execute_query(f"PRAGMA {pragma}")
        answers[pragma] = next(iter(dict(rows[0]).values()))
    assert answers == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000, "cache_size": -65536}
