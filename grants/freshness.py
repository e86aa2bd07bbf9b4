"""How fresh a cached public answer is, read cheaply on every request, and a cache that keys on it.

A public answer (what anyone may read without signing in) depends on three things besides the
question: the data, the Swiss calendar year (the current programme phase follows it) and which calls
have opened or closed by now. `Freshness.stamp()` condenses them into a `Stamp`:

- the data generation, which moves on with every committed write, whoever writes: this worker,
  another worker or machine, the command line, an operator's SQL. On PostgreSQL it is a counter that
  triggers move on inside every transaction writing a table public answers are read from (migration
  0008); on SQLite (one machine) it is the file's `PRAGMA data_version`, which SQLite itself moves on
  whenever another connection commits;
- the year in Swiss time;
- how many call openings and closings lie in the past.

Two requests with the same stamp get the same public answer, so an answer cached under one stamp may
be served while the stamp stays the same, and never after it moved. The generation is read whenever
a kept answer could be served: on SQLite through a read-only connection of the standard library's
driver (microseconds, the file is local), on PostgreSQL by one query shared by the requests waiting
for it, always one that started after the request arrived, so a request never misses a write that
committed before it came.
"""

from __future__ import annotations

import asyncio
import sqlite3
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from typing import Generic, TypeVar

from tortoise import connections

from grants.models import FundingCall
from grants.programmes import SWISS_TIME

GENERATION_QUERY = "SELECT value FROM data_generation WHERE id = 1"
SQLITE_GENERATION_QUERY = "PRAGMA data_version"

#: Tables that no public answer is read from: writing them leaves the cached answers valid (PostgreSQL;
#: on SQLite every commit counts).
PRIVATE_TABLES = frozenset(
    {
        "access_token",
        "rate_limit_counter",
        "user_account",
        "seed_record",
        "counter",
        "audit_record",
        "outbox_message",
        "internal_note",
        "application_event",
        "review",
        "data_generation",
        "tortoise_migrations",
        "account_token",
        "two_factor_secret",
        "recovery_code",
        "mail_digest",
        # Documents are never in a public answer: only their own applicants and staff see them.
        "document",
        "bank_account",
    }
)


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """The state a public answer was computed in; equal stamps, equal public answers."""

    generation: int
    year: int
    moments_passed: int

    def __str__(self) -> str:
        return f"{self.generation}.{self.year}.{self.moments_passed}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """The stamp `str(stamp)` wrote."""
        generation, year, moments_passed = (int(part) for part in text.split("."))
        return cls(generation, year, moments_passed)


class SharedRead:
    """One database read shared by the callers waiting for it, each served by a read begun after it came."""

    def __init__(self) -> None:
        self._waiting: asyncio.Future[int] | None = None
        self._reading: asyncio.Future[None] | None = None
        self._lock = asyncio.Lock()

    async def value(self) -> int:
        """The generation as committed when this call began (or later)."""
        if self._waiting is None:
            self._waiting = asyncio.get_running_loop().create_future()
            self._reading = asyncio.ensure_future(self._read(self._waiting))
        return await asyncio.shield(self._waiting)

    async def _read(self, future: asyncio.Future[int]) -> None:
        async with self._lock:
            # From here on, whoever comes needs a read that starts later than this one.
            if self._waiting is future:
                self._waiting = None
            try:
                rows = await connections.get("default").execute_query_dict(GENERATION_QUERY)
            except Exception as error:
                future.set_exception(error)
            else:
                future.set_result(int(rows[0]["value"]))


class Freshness:
    """The current `Stamp`, from the open database (Tortoise's default connection)."""

    def __init__(self) -> None:
        self._sqlite: sqlite3.Connection | None = None
        self._in_memory = False
        self._unrepeatable = count()
        self._shared = SharedRead()
        self._generation = -1
        self._moments: list[datetime] = []
        self._reload = asyncio.Lock()
        # The Swiss year of the last stamp and the UTC instants it lasts between (a cheap test per request).
        self._year = (0, datetime.max.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC))

    async def stamp(self, now: datetime) -> Stamp:
        """The stamp of `now` (UTC)."""
        generation = await self._read_generation()
        if generation != self._generation:
            async with self._reload:
                if generation != self._generation:
                    # Read after the generation: at least as new as it, so never older moments under it.
                    rows = await FundingCall.all().values_list("opens_at", "closes_at")
                    self._moments = sorted(moment for row in rows for moment in row)
                    self._generation = generation
        return Stamp(generation, self._swiss_year(now), bisect_right(self._moments, now))

    def _swiss_year(self, now: datetime) -> int:
        year, begins, ends = self._year
        if not begins <= now < ends:
            year = now.astimezone(SWISS_TIME).year
            begins = datetime(year, 1, 1, tzinfo=SWISS_TIME).astimezone(UTC)
            ends = datetime(year + 1, 1, 1, tzinfo=SWISS_TIME).astimezone(UTC)
            self._year = (year, begins, ends)
        return year

    async def _read_generation(self) -> int:
        connection = self._local_connection()
        if connection is not None:
            return int(connection.execute(SQLITE_GENERATION_QUERY).fetchone()[0])
        if self._in_memory:
            # No second connection sees an in-memory database: every stamp new, nothing ever served.
            return next(self._unrepeatable)
        return await self._shared.value()

    def _local_connection(self) -> sqlite3.Connection | None:
        if self._sqlite is None:
            filename = getattr(connections.get("default"), "filename", None)
            if filename is None:
                return None
            if filename == ":memory:" or not filename:
                self._in_memory = True
                return None
            # Autocommit: every SELECT sees the last committed write (WAL readers never wait for writers).
            self._sqlite = sqlite3.connect(
                f"file:{filename}?mode=ro", uri=True, isolation_level=None, check_same_thread=False, timeout=2
            )
        return self._sqlite

    def close(self) -> None:
        """Close the local read connection, if one was opened."""
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None


V = TypeVar("V")


class StampedCache(Generic[V]):
    """Values under the newest stamp seen, least recently used first out, at most `max_bytes` in all.

    When a newer stamp comes, everything older goes; a caller with an older stamp (it began before
    a write) neither reads nor stores.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.stamp: Stamp | None = None
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0

    def get(self, stamp: Stamp, key: Hashable) -> V | None:
        """The value stored for `key` under `stamp`, or None."""
        if not self._current(stamp):
            self.misses += 1
            return None
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[0]

    def holds(self, key: Hashable) -> bool:
        """True if a value is kept for `key` (under the newest stamp seen, which may be outdated)."""
        return key in self._entries

    def put(self, stamp: Stamp, key: Hashable, value: V, size: int) -> None:
        """Keep `value` (about `size` bytes) for `key` under `stamp`, unless the stamp is outdated."""
        if size > self.max_bytes // 8 or not self._current(stamp):
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old[1]
        self._entries[key] = (value, size)
        self._bytes += size
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._entries.popitem(last=False)
            self._bytes -= dropped

    def _current(self, stamp: Stamp) -> bool:
        if self.stamp is None or stamp > self.stamp:
            self._entries.clear()
            self._bytes = 0
            self.stamp = stamp
        return stamp == self.stamp

    def __len__(self) -> int:
        return len(self._entries)
