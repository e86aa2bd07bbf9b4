"""`kipnet serve --demo`'s preparation: migrate, seed, demo accounts and applications; and the one way
the command line opens the database for a piece of work."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

from tortoise import Tortoise

from fixtures.demo import ensure_demo_accounts
from fixtures.demo_grants import ensure_demo_grants
from fixtures.loader import seed
from grants.database import tortoise_config, upgrade
from grants.storage import open_store
from server.settings import Settings

T = TypeVar("T")


async def with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` with the database of `settings` open, closing it after."""
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        return await work()
    finally:
        await Tortoise.close_connections()


def prepare_demo(settings: Settings) -> None:
    """Migrate, seed, (re)set the demo accounts and add the demo applications; print what to log in with."""
    asyncio.run(upgrade(settings.database_url))
    report = asyncio.run(with_database(settings, seed))
    demo_accounts = asyncio.run(with_database(settings, ensure_demo_accounts))
    made = asyncio.run(with_database(settings, lambda: _demo_grants(settings)))
    print("kipnet demo: seeded the fixtures")
    for line in report.lines():
        print(f"  {line}")
    print(f"kipnet demo: {made} new demo applications")
    print("Demo accounts (passwords are new on every start):")
    for account in demo_accounts:
        print(f"  {account.role.value:<9} {account.email:<32} {account.password}")


async def _demo_grants(settings: Settings) -> int:
    # The approved demo application's decision letter goes where the server will look for it.
    store = open_store(settings.storage_location, s3=settings.s3)
    try:
        return await ensure_demo_grants(datetime.now(UTC), settings.public_url, store=store)
    finally:
        await store.close()
