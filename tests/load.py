"""A stream of acknowledged writes against a served kipnet, and a look into its database afterwards."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import subprocess
import threading
from typing import Any

import asyncpg
import httpx

from tests.served import kipnet_command, kipnet_environment

ADMIN_EMAIL = "operator@kip-bl.ch"
ADMIN_PASSWORD = "an operator's long passphrase"
LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
CREATE = """
mutation ($name: String!) {
  createOrganisation(input: {kind: NGO, name: {de: $name}}) { organisation { slug } errors { code } }
}
"""


def add_user(
    database_url: str,
    email: str,
    role: str,
    *,
    organisation: str | None = None,
    password: str = ADMIN_PASSWORD,
) -> None:
    """Create an account with the CLI, as an operator would."""
    command = [
        "users",
        "add",
        email,
        "--role",
        role,
        *(["--organisation", organisation] if organisation else []),
    ]
    subprocess.run(
        kipnet_command(*command),
        env=kipnet_environment(database_url),
        input=f"{password}\n".encode(),
        check=True,
        capture_output=True,
    )


def add_admin(database_url: str) -> None:
    """Create the operator account."""
    add_user(database_url, ADMIN_EMAIL, "ADMIN")


def login_token(base_url: str, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> str:
    """A bearer token for `email` (the operator unless told otherwise)."""
    response = httpx.post(
        f"{base_url}/graphql", json={"query": LOGIN, "variables": {"e": email, "p": password}}
    )
    token = response.json()["data"]["login"]["token"]
    assert token, response.text
    return str(token)


class WriteStream:
    """Threads creating organisations as fast as the server acknowledges them; remembers each acknowledged one."""

    def __init__(self, base_url: str, token: str, threads: int = 4) -> None:
        self.base_url = base_url
        self.headers = {"Authorization": f"Bearer {token}"}
        self.acknowledged: list[str] = []
        self.failures = 0
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def __enter__(self) -> WriteStream:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop writing and wait for the threads."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def count(self) -> int:
        """How many writes were acknowledged so far."""
        with self._lock:
            return len(self.acknowledged)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base_url, headers=self.headers, timeout=10) as http:
            while not self._stop.is_set():
                with self._lock:
                    name = f"Stream Verein {next(self._numbers)}"
                try:
                    response = http.post("/graphql", json={"query": CREATE, "variables": {"name": name}})
                    payload = response.json()["data"]["createOrganisation"]
                except (httpx.HTTPError, ValueError, KeyError, TypeError):
                    with self._lock:
                        self.failures += 1
                    continue
                if payload["errors"] == [] and payload["organisation"]:
                    with self._lock:
                        self.acknowledged.append(payload["organisation"]["slug"])


def fetch(database_url: str, statements: list[str]) -> list[list[tuple[Any, ...]]]:
    """The rows of each statement, read straight from the database over one connection (no kipnet code)."""
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url.removeprefix("sqlite://").split("?")[0]) as connection:
            return [list(connection.execute(sql)) for sql in statements]

    async def run() -> list[list[tuple[Any, ...]]]:
        connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            return [[tuple(row) for row in await connection.fetch(sql)] for sql in statements]
        finally:
            await connection.close()

    return asyncio.run(run())


def query(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one statement (see `fetch`)."""
    return fetch(database_url, [sql])[0]


def table_names(database_url: str) -> list[str]:
    """The tables of the database, sorted."""
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        if database_url.startswith("sqlite://")
        else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )
    return sorted(row[0] for row in query(database_url, sql))
