"""Tortoise configuration and schema migrations for a database URL chosen by the caller."""

from __future__ import annotations

import pkgutil
from typing import Any

from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate
from tortoise.migrations.recorder import MigrationRecorder

from grants import migrations as migration_package

APP_LABEL = "models"
MODEL_MODULES = ["grants.models"]
MIGRATIONS_MODULE = "grants.migrations"
#: The embedded default: a SQLite file in the working directory.
DEFAULT_DATABASE_URL = "sqlite://kipnet.sqlite3"
SQLITE_BUSY_TIMEOUT_MS = 5000
#: SQLite's page cache in KiB (a negative cache_size): 64 MiB instead of 2 MiB, so that a count
#: over the index of 100,000 applications, or a search's rows, stay in memory between requests.
SQLITE_CACHE_KIB = 65536
#: PRAGMAs kipnet adds to a SQLite URL that does not set them itself (Tortoise adds WAL).
#: synchronous=NORMAL: in WAL mode a commit is then written to the log without waiting for the
#: disk (fsync only at checkpoints). A crash of kipnet, even kill -9, loses nothing acknowledged,
#: and the file never corrupts; only the OS crashing or the power failing can lose the commits of
#: the last moments. SQLite's default in WAL mode (FULL) pays an fsync for every commit instead:
#: an operator who wants that adds `synchronous=FULL` to the URL.
SQLITE_DEFAULTS = {
    "busy_timeout": str(SQLITE_BUSY_TIMEOUT_MS),
    "cache_size": f"-{SQLITE_CACHE_KIB}",
    "synchronous": "NORMAL",
}


def database_url(url: str) -> str:
    """`url` with kipnet's SQLite defaults added (busy timeout, page cache, sync); other URLs unchanged."""
    if not url.startswith("sqlite://") or url == "sqlite://:memory:":
        return url
    for pragma, value in SQLITE_DEFAULTS.items():
        if f"{pragma}=" not in url:
            url = f"{url}{'&' if '?' in url else '?'}{pragma}={value}"
    return url


def tortoise_config(url: str) -> dict[str, Any]:
    """The Tortoise configuration for kipnet's models on the database at `url`."""
    return {
        "connections": {"default": database_url(url)},
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


#: For Tortoise's own CLI (`tortoise -c grants.database.TORTOISE_ORM makemigrations`).
TORTOISE_ORM = tortoise_config(DEFAULT_DATABASE_URL)


async def upgrade(url: str) -> None:
    """Apply every pending migration to the database at `url`, then close its connections."""
    try:
        await migrate(config=tortoise_config(url), app_labels=[APP_LABEL])
    finally:
        # An open aiosqlite connection keeps its worker thread, and so the process, alive.
        await Tortoise.close_connections()


def migrations_on_disk() -> list[str]:
    """The names of kipnet's migrations shipped with this code, in order."""
    return sorted(
        module.name
        for module in pkgutil.iter_modules(migration_package.__path__)
        if module.name[:4].isdigit()
    )


async def pending_migrations() -> list[str]:
    """Migrations this code has that the open database has not applied (empty: the schema is current)."""
    applied = await MigrationRecorder(connections.get("default")).applied_migrations()
    done = {key.name for key in applied if key.app_label == APP_LABEL}
    return [name for name in migrations_on_disk() if name not in done]
