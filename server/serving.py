"""`kipnet serve`: take the port and the database before anything else, then prepare, then serve.

A second `kipnet serve --demo` used to migrate, seed and reset every demo password (revoking the
running server's tokens) and only then fail on the busy port. Now everything that can refuse a
start is checked while nothing has been changed yet, and what is taken stays held until the end:
the listening socket goes to uvicorn, so nobody can take the port in between.
"""

from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable
from typing import IO, Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from grants.errors import KipnetError
from server import dblock

#: Exit code of a start that was refused (uvicorn's own startup failures exit with 3).
REFUSED = 1


class StartRefused(KipnetError):
    """The server cannot start; nothing was changed."""


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or StartRefused (the port is taken, or the address is wrong)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        # Listening at once: on Linux two sockets with SO_REUSEADDR may both be bound until one listens.
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise StartRefused(
                f"{host}:{port} is already in use (another kipnet serve?); nothing was changed — "
                "stop it or choose another --port"
            ) from None
        raise StartRefused(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.set_inheritable(True)
    return sock


def own_database(database_url: str) -> IO[bytes] | None:
    """The lock on a SQLite database file for as long as the server runs (None for PostgreSQL)."""
    path = dblock.sqlite_path(database_url)
    if path is None:
        return None
    try:
        return dblock.own(path)
    except dblock.DatabaseUnavailable as error:
        raise StartRefused(f"{error}; nothing was changed") from None


def serve(
    *,
    database_url: str,
    host: str,
    port: int,
    workers: int,
    prepare: Callable[[], None] | None,
    uvicorn_options: dict[str, Any],
) -> int:
    """Take the port and the database, run `prepare` (the demo's data), then serve until stopped."""
    try:
        sock = listen(host, port)
    except StartRefused as error:
        print(f"kipnet: {error}", file=sys.stderr)
        return REFUSED
    try:
        lock = own_database(database_url)
    except StartRefused as error:
        sock.close()
        print(f"kipnet: {error}", file=sys.stderr)
        return REFUSED
    try:
        if prepare is not None:
            prepare()
        print(f"kipnet: portal at http://{host}:{port}/")
        print(f"kipnet: GraphQL at http://{host}:{port}/graphql")
        return _run(sock, host=host, port=port, workers=workers, options=uvicorn_options)
    finally:
        sock.close()
        if lock is not None:
            lock.close()


def _run(sock: socket.socket, *, host: str, port: int, workers: int, options: dict[str, Any]) -> int:
    """What uvicorn.run does, on the socket already listening."""
    config = uvicorn.Config(
        "server.asgi:create_app", factory=True, host=host, port=port, workers=workers, **options
    )
    try:
        if workers > 1:
            Multiprocess(config, sockets=[sock]).run()
            return 0
        server = uvicorn.Server(config)
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 0
    return 0 if server.started else 3
