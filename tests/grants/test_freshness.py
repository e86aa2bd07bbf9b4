"""The stamp of public answers: it moves with every committed write (whoever writes), the year and the calls'
moments, and the cache keyed on it keeps nothing older and stays within its bytes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
from tortoise import connections

from grants.freshness import PRIVATE_TABLES, Freshness, Stamp, StampedCache
from grants.models import AccessToken, Organisation, Role
from tests import factories

STAMP = Stamp(generation=7, year=2026, moments_passed=3)
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


# -- the cache, with plain values ---------------------------------------------------------------


def test_a_value_is_served_under_its_stamp_only():
    # given
    cache: StampedCache[str] = StampedCache(max_bytes=1000)
    cache.put(STAMP, "directory", "answer", size=10)
    # when / then
    assert cache.get(STAMP, "directory") == "answer"
    assert cache.get(STAMP, "calls") is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_newer_stamp_drops_everything_kept_under_older_ones():
    # given
    cache: StampedCache[str] = StampedCache(max_bytes=1000)
    cache.put(STAMP, "directory", "old answer", size=10)
    newer = Stamp(generation=8, year=2026, moments_passed=3)
    # when
    found = cache.get(newer, "directory")
    # then
    assert found is None
    assert len(cache) == 0
    assert cache.stamp == newer


def test_a_caller_with_an_older_stamp_neither_reads_nor_stores():
    # given: a write moved the stamp on while a slower request was still running
    cache: StampedCache[str] = StampedCache(max_bytes=1000)
    newer = Stamp(generation=8, year=2026, moments_passed=3)
    cache.put(newer, "directory", "new answer", size=10)
    # when
    found = cache.get(STAMP, "directory")
    cache.put(STAMP, "directory", "old answer", size=10)
    # then
    assert found is None
    assert cache.get(newer, "directory") == "new answer"
    assert cache.stamp == newer


def test_the_least_recently_used_go_first_and_the_bytes_stay_within_the_limit():
    # given
    cache: StampedCache[str] = StampedCache(max_bytes=800)
    for name in ("a", "b", "c", "d"):
        cache.put(STAMP, name, name, size=100)
    cache.get(STAMP, "a")  # "b" is now the least recently used
    # when
    for name in ("e", "f", "g", "h", "i"):
        cache.put(STAMP, name, name, size=100)
    # then
    assert len(cache) == 8
    assert not cache.holds("b")
    assert all(cache.holds(name) for name in "acdefghi")


def test_an_answer_larger_than_an_eighth_of_the_cache_is_not_kept():
    # given
    cache: StampedCache[str] = StampedCache(max_bytes=800)
    # when
    cache.put(STAMP, "huge", "x", size=101)
    cache.put(STAMP, "fits", "x", size=100)
    # then
    assert not cache.holds("huge")
    assert cache.holds("fits")


def test_a_stamp_reads_back_what_it_wrote():
    assert Stamp.parse(str(STAMP)) == STAMP


# -- the stamp, from the database ------------------------------------------------------------------


async def test_a_write_through_the_domain_moves_the_stamp_on(seeded_db):
    # given
    freshness = Freshness()
    before = await freshness.stamp(NOW)
    # when
    await factories.organisation("neu-verein", name="Neuer Verein")
    after = await freshness.stamp(NOW)
    # then
    assert after.generation > before.generation
    assert after > before
    assert await freshness.stamp(NOW) == after  # nothing written since: the same stamp
    freshness.close()


async def test_a_write_by_anyone_else_moves_the_stamp_on(seeded_db):
    # given: another program writes the database with its own connection (an operator's SQL)
    freshness = Freshness()
    before = await freshness.stamp(NOW)
    client = connections.get("default")
    # when
    if seeded_db == "postgres":
        other = await asyncpg.connect(**_asyncpg_parameters(client))
        try:
            await other.execute("UPDATE organisation SET phone = '061 000 00 00' WHERE slug = 'ald'")
        finally:
            await other.close()
    else:
        import sqlite3

        with sqlite3.connect(client.filename) as other_sqlite:
            other_sqlite.execute("UPDATE organisation SET phone = '061 000 00 00' WHERE slug = 'ald'")
        other_sqlite.close()
    after = await freshness.stamp(NOW)
    # then
    assert after.generation > before.generation
    freshness.close()


async def test_the_stamp_moves_when_a_call_opens_or_closes_and_with_the_swiss_year(seeded_db):
    # given: a call open from 1 March to 30 June 2026 (UTC)
    await factories.call()
    freshness = Freshness()
    opens = datetime(2026, 3, 1, tzinfo=UTC)
    closes = datetime(2026, 6, 30, tzinfo=UTC)
    # when
    before_opening = await freshness.stamp(opens - timedelta(seconds=1))
    opened = await freshness.stamp(opens)
    still_open = await freshness.stamp(closes - timedelta(seconds=1))
    closed = await freshness.stamp(closes)
    new_year_in_basel = await freshness.stamp(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    # then
    assert opened.moments_passed == before_opening.moments_passed + 1
    assert still_open == opened
    assert closed.moments_passed == opened.moments_passed + 1
    assert (closed.year, new_year_in_basel.year) == (2026, 2027)
    freshness.close()


async def test_on_postgres_every_table_but_the_private_ones_moves_the_generation(db):
    if db != "postgres":
        return  # SQLite's generation is the file's data_version: every commit counts there
    # given
    client = connections.get("default")
    _, rows = await client.execute_query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    )
    tables = {row["table_name"] for row in rows}
    _, triggered = await client.execute_query(
        "SELECT DISTINCT event_object_table FROM information_schema.triggers "
        "WHERE trigger_name LIKE 'kipnet_generation_%'"
    )
    # then
    assert {row["event_object_table"] for row in triggered} == tables - PRIVATE_TABLES
    assert PRIVATE_TABLES - {"tortoise_migrations"} <= tables  # the list names real tables


async def test_on_postgres_a_transaction_moves_the_generation_once_and_private_writes_not_at_all(seeded_db):
    if seeded_db != "postgres":
        return
    # given
    freshness = Freshness()
    start = (await freshness.stamp(NOW)).generation
    user = await factories.user(Role.APPLICANT, organisation="ald")
    after_user = (await freshness.stamp(NOW)).generation
    # when: a private write, then one transaction writing many rows
    await AccessToken.create(user=user, token_hash="x" * 64, expires_at=NOW)
    after_token = (await freshness.stamp(NOW)).generation
    await Organisation.filter(kind="MUNICIPALITY").update(phone="061 111 11 11")
    after_update = (await freshness.stamp(NOW)).generation
    # then
    assert after_user == start  # user_account is private
    assert after_token == start
    assert after_update == start + 1
    freshness.close()


async def test_waiting_requests_share_one_read_begun_after_they_came(seeded_db, sql_statements):
    # given
    freshness = Freshness()
    await freshness.stamp(NOW)
    sql_statements.statements.clear()
    # when: forty requests ask at once
    stamps = await asyncio.gather(*(freshness.stamp(NOW) for _ in range(40)))
    # then
    assert len(set(stamps)) == 1
    generation_reads = [s for s in sql_statements.statements if "data_generation" in s]
    if seeded_db == "postgres":
        assert 1 <= len(generation_reads) <= 2
    else:
        assert generation_reads == []  # SQLite: read through its own connection, no query sent
    freshness.close()


def _asyncpg_parameters(client: object) -> dict[str, object]:
    return {
        name: getattr(client, name)
        for name in ("host", "port", "user", "password", "database")
        if getattr(client, name, None) is not None
    }
