"""Login throttling: the `limits` library's fixed windows, counted in the database for every worker."""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import FixedWindowRateLimiter
from tortoise import connections
from tortoise.exceptions import BaseORMException

from grants.errors import ConfigurationError, RateLimited
from grants.models import RateLimitCounter

# One statement, so that concurrent workers can neither lose a hit nor both open a window.
_INCREMENT = """
INSERT INTO rate_limit_counter ("key", hits, expires_at) VALUES ({p}1, {p}2, {p}3)
ON CONFLICT ("key") DO UPDATE SET
  hits = CASE WHEN rate_limit_counter.expires_at <= {p}4 THEN excluded.hits
              ELSE rate_limit_counter.hits + excluded.hits END,
  expires_at = CASE WHEN rate_limit_counter.expires_at <= {p}4 THEN excluded.expires_at
                    ELSE rate_limit_counter.expires_at END
RETURNING hits
"""


class DatabaseStorage(Storage):
    """A `limits` storage in kipnet's own database (table rate_limit_counter)."""

    STORAGE_SCHEME = ["kipnet-database"]  # noqa: RUF012 (the base class declares it an instance variable)

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        super().__init__(None, wrap_exceptions=False)
        self.clock = clock

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        """What a failing database raises."""
        return BaseORMException

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add `amount` hits to `key`'s window, opening a new window if the last one has ended."""
        connection = connections.get("default")
        placeholder = "$" if connection.capabilities.dialect == "postgres" else "?"
        now = self.clock()
        rows = await connection.execute_query_dict(
            _INCREMENT.format(p=placeholder), [key, amount, now + expiry, now]
        )
        return int(rows[0]["hits"])

    async def get(self, key: str) -> int:
        """The hits in `key`'s current window (0 if it has ended)."""
        counter = await RateLimitCounter.get_or_none(key=key, expires_at__gt=self.clock())
        return counter.hits if counter else 0

    async def get_expiry(self, key: str) -> float:
        """The Unix time `key`'s current window ends (now if there is none)."""
        now = self.clock()
        counter = await RateLimitCounter.get_or_none(key=key, expires_at__gt=now)
        return counter.expires_at if counter else now

    async def check(self) -> bool:
        """True when the database answers."""
        await connections.get("default").execute_query("SELECT 1")
        return True

    async def reset(self) -> int | None:
        """Forget every window."""
        return await RateLimitCounter.all().delete()

    async def clear(self, key: str) -> None:
        """Forget `key`'s window."""
        await RateLimitCounter.filter(key=key).delete()


@dataclass(frozen=True, slots=True)
class LoginLimits:
    """How many login attempts one account and one client address get per window."""

    per_account: str = "10 per 15 minutes"
    per_address: str = "100 per 15 minutes"

    def items(self) -> tuple[RateLimitItem, RateLimitItem]:
        """The parsed limits (account, address); a malformed one is a configuration error."""
        try:
            return parse(self.per_account), parse(self.per_address)
        except ValueError as error:
            raise ConfigurationError(f"login limit: {error}") from None


def is_limit(text: str) -> bool:
    """True if `text` is a rate limit in the `limits` notation, e.g. "10 per 15 minutes"."""
    try:
        parse(text)
    except ValueError:
        return False
    return True


def digest(text: str) -> str:
    """What a counter is kept under: a digest, so keys stay short whatever a client types, and the
    counter table holds no e-mail addresses."""
    return hashlib.sha256(text.encode()).hexdigest()


class LoginThrottle:
    """Counts every login attempt per account and per address; too many are refused with a wait."""

    def __init__(
        self, limits: LoginLimits, clock: Callable[[], float] = time.time, *, scope: str = "login"
    ) -> None:
        # Another scope (e.g. "reset") counts its own attempts with the same limits.
        self.scope = scope
        self.storage = DatabaseStorage(clock)
        self.limiter = FixedWindowRateLimiter(self.storage)
        self.account_limit, self.address_limit = limits.items()
        self.clock = clock

    async def attempt(self, *, account: str, address: str) -> None:
        """Count one attempt; raise RATE_LIMITED (with the seconds to wait) if either limit is spent."""
        checks = (
            (self.account_limit, f"{self.scope}-account", digest(account)),
            (self.address_limit, f"{self.scope}-address", digest(address)),
        )
        waits = []
        for item, scope, identity in checks:
            if not await self.limiter.hit(item, scope, identity):
                stats = await self.limiter.get_window_stats(item, scope, identity)
                waits.append(max(1, math.ceil(stats.reset_time - self.clock())))
        if waits:
            wait = max(waits)
            raise RateLimited("Too many login attempts: try again in {wait} seconds", wait, wait=wait)

    async def succeeded(self, *, account: str) -> None:
        """A correct password ends the account's count (the address keeps its own)."""
        await self.limiter.clear(self.account_limit, f"{self.scope}-account", digest(account))
