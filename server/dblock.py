"""One process at a time owns a SQLite database: the server while it runs, `db restore` while it writes.

The owner holds an OS-level lock (flock) on `<database>.lock` beside the file. The kernel drops it
when the process ends however it ends (SIGKILL included), so a crashed server never leaves a
stale lock behind, and nobody needs to delete the file.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from grants.errors import KipnetError


class DatabaseUnavailable(KipnetError):
    """The database cannot be taken: another process owns it (a server, a restore), or no directory."""


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a sqlite:// URL; None for other databases and for an in-memory one."""
    if not database_url.startswith("sqlite://"):
        return None
    path = database_url.removeprefix("sqlite://").partition("?")[0]
    return None if not path or path == ":memory:" else Path(path)


def lock_path(database: Path) -> Path:
    """The lock file of a SQLite database file."""
    return database.with_name(database.name + ".lock")


def own(database: Path) -> IO[bytes]:
    """Take the database for this process (keep the returned file open as long as you need it).

    Raises DatabaseUnavailable when another process holds it, or when its directory is missing.
    """
    if not database.parent.is_dir():
        raise DatabaseUnavailable(f"no directory {database.parent} for the database {database.name}")
    handle = lock_path(database).open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise DatabaseUnavailable(
            f"{database} is in use by a running kipnet server (or a restore): stop it first"
        ) from None
    os.set_inheritable(handle.fileno(), False)
    return handle
