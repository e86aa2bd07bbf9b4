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
  createOrganisation(input: {kind: "NGO", name: {de: $name}}) { organisation { slug } errors { code } }
}
"""


def add_admin(database_url: str) -> None:
    """Create the operator account with the CLI, as an operator would."""
    subprocess.run(
        kipnet_command("users", "add", ADMIN_EMAIL, "--role", "ADMIN"),
        env=kipnet_environment(database_url),
        input=f"{ADMIN_PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
    )


def admin_token(base_url: str) -> str:
    """A bearer token for the operator."""
    response = httpx.post(
        f"{base_url}/graphql", json={"query": LOGIN, "variables": {"e": ADMIN_EMAIL, "p": ADMIN_PASSWORD}}
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


def query(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of `sql` read straight from the database (no kipnet code involved)."""
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url.removeprefix("sqlite://").split("?")[0]) as connection:
            return list(connection.execute(sql))

    async def fetch() -> list[tuple[Any, ...]]:
        connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            return [tuple(row) for row in await connection.fetch(sql)]
        finally:
            await connection.close()

    return asyncio.run(fetch())


def all_rows(database_url: str, skip: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Every table's rows (as sorted reprs) but those in `skip`, read straight from the database."""
    if database_url.startswith("sqlite://"):
        with sqlite3.connect(database_url.removeprefix("sqlite://").split("?")[0]) as connection:
            tables = [
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return {
                table: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
                for table in tables
                if table not in skip
            }

    async def fetch() -> dict[str, list[str]]:
        connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            tables = [
                r[0]
                for r in await connection.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ]
            return {
                table: sorted(repr(tuple(row)) for row in await connection.fetch(f'SELECT * FROM "{table}"'))
                for table in tables
                if table not in skip
            }
        finally:
            await connection.close()

    return asyncio.run(fetch())
