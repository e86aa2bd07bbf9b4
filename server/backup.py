"""`kipnet db backup` / `db restore` for the embedded SQLite database (PostgreSQL: pg_dump, see README)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from grants.errors import KipnetError
from grants.storage import local_directory
from server import dblock

PG_HINT = (
    "for PostgreSQL use its own tools: pg_dump --format=custom --file=kipnet.dump DBNAME, "
    "and pg_restore --clean --if-exists --dbname=DBNAME kipnet.dump (README: Operating kipnet)"
)


def documents_hint(storage_url: str) -> str:
    """What to do about the documents, which a database backup does not hold (only their names)."""
    if storage_url.startswith("file://"):
        directory = local_directory(storage_url)
        return (
            f"documents are files in {directory}, not in the database: copy them after each database "
            f"backup, e.g. rsync -a {directory}/ BACKUP-documents/ (a stored file never changes, so a copy "
            "taken after the database's holds every document it names)"
        )
    return (
        f"documents are in {storage_url}, not in the database: keep that bucket versioned or replicated "
        "(a stored file never changes and is deleted only when no document names it)"
    )


class BackupError(KipnetError):
    """A backup or restore that cannot be made; nothing was written."""


def sqlite_file(database_url: str) -> Path:
    """The file behind a sqlite:// URL; other databases are refused with a pointer to pg_dump."""
    if not database_url.startswith("sqlite://"):
        raise BackupError(PG_HINT)
    path = dblock.sqlite_path(database_url)
    if path is None:
        raise BackupError("an in-memory database has nothing to back up")
    return path


def _sidecars(path: Path) -> list[Path]:
    """The files SQLite may keep beside a database: its WAL, shared memory and rollback journal."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves nothing beside the file.

    A read-only connection to a WAL-mode file creates -wal and -shm files it cannot remove again;
    a file without a WAL beside it holds all its content, so it is opened as immutable instead.
    """
    immutable = "" if _sidecars(path)[0].exists() else "&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro{immutable}", uri=True)


def integrity(path: Path) -> str:
    """SQLite's own verdict on a database file ("ok" when it is intact)."""
    with closing(_read_only(path)) as connection:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))


def _is_kipnet(path: Path) -> bool:
    with closing(_read_only(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {"tortoise_migrations", "organisation", "application"} <= tables


def _remove(path: Path) -> None:
    for leftover in [path, *_sidecars(path)]:
        leftover.unlink(missing_ok=True)


def backup(*, database_url: str, target: Path) -> int:
    """Copy the live database to `target` as one consistent snapshot (writers keep going); its size."""
    source = sqlite_file(database_url)
    if not source.exists():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"no directory {target.parent} for the backup")
    partial = target.with_name(target.name + ".partial")
    try:
        # One backup step reads everything inside one read transaction: a snapshot, even while others write.
        with (
            closing(sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)) as live,
            closing(sqlite3.connect(partial)) as copy,
        ):
            live.backup(copy)
            # The copy is one self-contained file: in WAL mode, every later reader would leave
            # -wal and -shm files beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        verdict = integrity(partial)
    except (sqlite3.Error, OSError) as error:
        _remove(partial)
        raise BackupError(f"cannot write the backup {target}: {error}") from None
    if verdict != "ok":
        _remove(partial)
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    partial.rename(target)
    return target.stat().st_size


def restore(*, database_url: str, source: Path) -> int:
    """Replace the database's content by the backup `source` (the server stopped); its size."""
    target = sqlite_file(database_url)
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    if target.exists() and source.samefile(target):
        raise BackupError(f"{source} is the database itself: name a backup to restore from")
    try:
        # Held until the restore is done: no server can start on a half-restored database.
        lock = dblock.own(target)
    except dblock.DatabaseUnavailable as error:
        raise BackupError(f"cannot restore: {error}; nothing was changed") from None
    with lock:
        try:
            verdict = integrity(source)
            is_kipnet = _is_kipnet(source)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite database: {error}") from None
        if verdict != "ok":
            raise BackupError(f"{source} failed its integrity check: {verdict}")
        if not is_kipnet:
            raise BackupError(f"{source} is not a kipnet database")
        try:
            # Through the backup API, not a file copy: the WAL and any open connections stay consistent.
            with closing(_read_only(source)) as backup_file, closing(sqlite3.connect(target)) as live:
                backup_file.backup(live)
        except sqlite3.Error as error:
            raise BackupError(f"cannot restore into {target}: {error}") from None
    return target.stat().st_size
