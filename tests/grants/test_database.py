"""The embedded SQLite default: WAL, foreign keys, a busy timeout, a 64 MiB page cache, synchronous=NORMAL."""

from __future__ import annotations

import pytest
from tortoise import Tortoise

from grants.database import database_url


def test_sqlite_urls_get_a_busy_timeout_a_page_cache_and_normal_sync_and_others_stay_as_given():
    defaults = "busy_timeout=5000&cache_size=-65536&synchronous=NORMAL"
    assert database_url("sqlite://kipnet.sqlite3") == f"sqlite://kipnet.sqlite3?{defaults}"
    assert database_url("sqlite:///x.db?journal_mode=wal") == f"sqlite:///x.db?journal_mode=wal&{defaults}"
    assert (
        database_url("sqlite://x.db?busy_timeout=10&cache_size=-2000&synchronous=FULL")
        == "sqlite://x.db?busy_timeout=10&cache_size=-2000&synchronous=FULL"
    )
    assert database_url("postgres://u@h/db") == "postgres://u@h/db"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_sqlite_pragmas_are_set(db):
    connection = Tortoise.get_connection("default")
    answers = {}
    for pragma in ("journal_mode", "foreign_keys", "busy_timeout", "cache_size", "synchronous"):
        _, rows = await connection.execute_query(f"PRAGMA {pragma}")
        answers[pragma] = next(iter(dict(rows[0]).values()))
    # synchronous 1 is NORMAL (2 would be FULL: an fsync for every commit)
    assert answers == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "cache_size": -65536,
        "synchronous": 1,
    }
