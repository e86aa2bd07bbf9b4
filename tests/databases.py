"""Test databases: migrated (and optionally seeded) templates, cloned for every test, on both backends."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path
from typing import Literal

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from fixtures.loader import seed
from grants.database import tortoise_config, upgrade

#: Where the tests find PostgreSQL (trust auth on the project's machines).
POSTGRES_URL = os.environ.get("KIPNET_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
#: Set by CI: a missing PostgreSQL fails the run instead of skipping its half.
POSTGRES_REQUIRED = os.environ.get("KIPNET_TEST_REQUIRE_POSTGRES") == "1"


def _admin_url() -> str:
    return POSTGRES_URL.replace("postgres://", "postgresql://", 1)


def database_url(name: str) -> str:
    """The URL of database `name` on the test server."""
    base, _, _ = POSTGRES_URL.rpartition("/")
    return f"{base}/{name}"


async def admin_sql(sql: str) -> None:
    """Run one statement on the test server's maintenance database."""
    connection = await asyncpg.connect(_admin_url(), timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def postgres_unavailable_reason() -> str | None:
    """Why PostgreSQL cannot be used for tests, or None if it can."""
    try:
        asyncio.run(admin_sql("SELECT 1"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {error}"
    return None


def forget_cached_sql() -> None:
    """Drop Tortoise's SQL cache, which is keyed by connection name and table but not by dialect.

    After a SQLite database, a PostgreSQL one would otherwise get "?" placeholders. Production
    never switches backends within a process; the tests do.
    """
    EXECUTOR_CACHE.clear()


#: What a template holds: the bare schema, the fixtures, or the fixtures with KIP 1's history.
Level = Literal["empty", "seeded", "history"]


async def _prepare(url: str, level: Level) -> None:
    forget_cached_sql()
    await upgrade(url)
    if level != "empty":
        await Tortoise.init(config=tortoise_config(url))
        try:
            await seed(history=level == "history")
        finally:
            await Tortoise.close_connections()


class Templates:
    """Migrated template databases, one per level and backend, made once per test session."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.sqlite: dict[Level, Path] = {}
        self.postgres: dict[Level, str] = {}
        self.suffix = uuid.uuid4().hex[:8]

    def sqlite_template(self, level: Level) -> Path:
        """A SQLite file holding the migrated schema at `level`."""
        if level not in self.sqlite:
            path = self.directory / f"template-{level}.sqlite3"
            asyncio.run(_prepare(f"sqlite://{path}", level))
            self.sqlite[level] = path
        return self.sqlite[level]

    def postgres_template(self, level: Level) -> str:
        """The name of a PostgreSQL database holding the migrated schema at `level`."""
        if level not in self.postgres:
            name = f"kipnet_tpl_{level}_{self.suffix}"
            asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
            try:
                asyncio.run(_prepare(database_url(name), level))
            except BaseException:
                asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                raise
            self.postgres[level] = name
        return self.postgres[level]

    def drop_all(self) -> None:
        """Remove the PostgreSQL templates (SQLite ones go with the temporary directory)."""
        for name in self.postgres.values():
            asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def clone(templates: Templates, backend: str, level: Level, directory: Path) -> tuple[str, str | None]:
    """A fresh database for one test: its URL, and the PostgreSQL database name to drop after."""
    if backend == "sqlite":
        path = directory / "kipnet.sqlite3"
        shutil.copyfile(templates.sqlite_template(level), path)
        return f"sqlite://{path}", None
    name = f"kipnet_test_{uuid.uuid4().hex[:12]}"
    await admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{templates.postgres[level]}"')
    return database_url(name), name


async def drop(name: str) -> None:
    """Drop a test's PostgreSQL database."""
    await admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
