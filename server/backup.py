"""`kipnet db backup` / `db restore` for the embedded SQLite database (PostgreSQL: pg_dump, see README)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from grants.errors import KipnetError

PG_HINT = (
    "for PostgreSQL use its own tools: pg_dump --format=custom --file=kipnet.dump DBNAME, "
    "and pg_restore --clean --if-exists --dbname=DBNAME kipnet.dump (README: Operating kipnet)"
)


class BackupError(KipnetError):
    """A backup or restore that cannot be made; nothing was written."""


def sqlite_file(database_url: str) -> Path:
    """The file behind a sqlite:// URL; other databases are refused with a pointer to pg_dump."""
    if not database_url.startswith("sqlite://"):
        raise BackupError(PG_HINT)
    path = urlsplit(database_url).netloc + urlsplit(database_url).path
    if not path or path == ":memory:":
        raise BackupError("an in-memory database has nothing to back up")
    return Path(path)


def integrity(path: Path) -> str:
    """SQLite's own verdict on a database file ("ok" when it is intact)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))


def _is_kipnet(path: Path) -> bool:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {"tortoise_migrations", "organisation", "application"} <= tables


def backup(*, database_url: str, target: Path) -> int:
    """Copy the live database to `target` as one consistent snapshot (writers keep going); its size."""
    source = sqlite_file(database_url)
    if not source.exists():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    partial = target.with_name(target.name + ".partial")
    # One backup step reads everything inside one read transaction: a snapshot, even while others write.
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live, sqlite3.connect(partial) as copy:
        live.backup(copy)
    verdict = integrity(partial)
    if verdict != "ok":
        partial.unlink()
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    partial.rename(target)
    return target.stat().st_size


def restore(*, database_url: str, source: Path) -> int:
    """Replace the database's content by the backup `source` (stop the server first); its size."""
    target = sqlite_file(database_url)
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    try:
        verdict = integrity(source)
        is_kipnet = _is_kipnet(source)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not a SQLite database: {error}") from None
    if verdict != "ok":
        raise BackupError(f"{source} failed its integrity check: {verdict}")
    if not is_kipnet:
        raise BackupError(f"{source} is not a kipnet database")
    # Through the backup API, not a file copy: the WAL and any open connections stay consistent.
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_file, sqlite3.connect(target) as live:
        backup_file.backup(live)
    return target.stat().st_size
