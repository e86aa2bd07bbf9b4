"""The two servers the bench compares: `kipnet serve` and the bare app, and their databases.

kipnet is started through the tests' harness (tests/served.py) on a fresh database: a SQLite file
in the run's temporary directory, or a PostgreSQL database `kipnet_bench_<random>` created for the
run and dropped after it. A `kipnet serve --demo` prepares it first and prints the demo's
accounts; the bench signs in with them on the measured server.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

from bench.bare import Answer, save_answers
from bench.portal import signed_in_cookies
from bench.scenarios import LOGIN, OPEN_CALL, Credentials
from tests.served import ServedKipnet, free_port, kipnet_command, kipnet_environment, stop_process

#: `kipnet serve --demo` prints one line per demo account: role, e-mail, password.
DEMO_ACCOUNT = re.compile(r"^\s+([A-Z]+)\s+(\S+@\S+)\s+(\S+)\s*$", re.MULTILINE)
#: The lead's anonymous response cache, sized in MB; 0 turns it off.
CACHE_VARIABLE = "KIPNET_PUBLIC_CACHE_MB"
PROJECT = Path(__file__).resolve().parent.parent


def demo_accounts(log: str) -> dict[str, tuple[str, str]]:
    """{role: (e-mail, password)} from the demo's printout (the last printout wins)."""
    return {role: (email, password) for role, email, password in DEMO_ACCOUNT.findall(log)}


def cookie_header(cookies: httpx.Cookies) -> str:
    """The Cookie header a browser with these cookies sends."""
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def kipnet(database_url: str, directory: Path, *, workers: int, cached: bool) -> ServedKipnet:
    """`kipnet serve` (not started), with the response cache at its default or off.

    The measured server is a plain `serve` on the database the demo prepared: `serve --demo`
    seeds within the serving process, whose heap then holds what no production server holds.
    """
    label = "cached" if cached else "uncached"
    return ServedKipnet(
        database_url,
        directory / f"kipnet-{label}-{workers}w-{uuid.uuid4().hex[:6]}.log",
        None if cached else {CACHE_VARIABLE: "0"},
        serve_args=["--workers", str(workers)],
    )


def prepare(database_url: str, directory: Path, applications: int) -> dict[str, tuple[str, str]]:
    """Migrate, seed, add `applications` through bench.generate (if it exists), then the demo's data.

    Returns the demo's accounts, {role: (e-mail, password)}, printed by a `serve --demo` that
    is stopped again once it answers.
    """
    env = kipnet_environment(database_url)
    if applications and importlib.util.find_spec("bench.generate") is None:
        print(
            f"bench: --applications {applications} skipped: bench.generate is not there yet "
            "here; the demo's applications and KIP 1's history are measured"
        )
    elif applications:
        for command in (kipnet_command("db", "upgrade"), kipnet_command("seed")):
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=PROJECT)
        began = time.monotonic()
        generate = [sys.executable, "-m", "bench.generate", "--applications", str(applications)]
        subprocess.run(generate, env=env, check=True, cwd=PROJECT)
        print(f"bench: generated {applications} applications in {time.monotonic() - began:.0f} s")
    demo = ServedKipnet(database_url, directory / f"demo-{uuid.uuid4().hex[:6]}.log", serve_args=["--demo"])
    demo.start()
    demo.stop()
    accounts = demo_accounts(demo.log.read_text())
    if not {"APPROVER", "APPLICANT"} <= accounts.keys():
        raise RuntimeError(f"the demo printed no approver and applicant: {demo.log.read_text()[-2000:]}")
    return accounts


async def _graphql(client: httpx.AsyncClient, query: str, **variables: object) -> dict[str, object]:
    answer = await client.post("/graphql", json={"query": query, "variables": variables})
    document = answer.json()
    if answer.status_code != 200 or document.get("errors"):
        raise RuntimeError(f"{query[:40]}…: {answer.status_code} {answer.text[:300]}")
    return dict(document["data"])


async def _token(client: httpx.AsyncClient, account: tuple[str, str]) -> str:
    data = await _graphql(client, LOGIN, input={"email": account[0], "password": account[1]})
    login = data["login"]
    if not isinstance(login, dict) or not login["token"]:
        raise RuntimeError(f"the demo login was refused: {login}")
    return str(login["token"])


async def credentials(server: ServedKipnet, accounts: dict[str, tuple[str, str]]) -> Credentials:
    """Sign in as the demo approver and applicant (API and portal) and find the open call."""
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        approver = await _token(client, accounts["APPROVER"])
        applicant = await _token(client, accounts["APPLICANT"])
        calls = (await _graphql(client, OPEN_CALL))["fundingCalls"]
        if not isinstance(calls, list) or not calls:
            raise RuntimeError("the demo has no open call")
        visitor = await client.get("/directory", headers={"accept": "text/html"})
    staff = await signed_in_cookies(server.url, *accounts["APPROVER"])
    return Credentials(
        approver_token=approver,
        applicant_token=applicant,
        approver_cookie=cookie_header(staff),
        visitor_cookie=cookie_header(visitor.cookies),
        open_call=calls[0]["id"],
        funding_area=calls[0]["fundingAreas"][0]["code"],
    )


@dataclass
class BareServer:
    """`python -m bench.bare` in a child process."""

    answers: list[Answer]
    directory: Path
    workers: int = 1
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The process id of the running server (its workers are its children)."""
        assert self.process is not None, "the bare app is not running"
        return self.process.pid

    def start(self) -> BareServer:
        """Start it and wait until it answers."""
        self.port = free_port()
        path = self.directory / f"answers-{self.port}.json"
        save_answers(self.answers, path)
        command = [sys.executable, "-m", "bench.bare", "--port", str(self.port), "--answers", str(path)]
        with (self.directory / f"bare-{self.port}.log").open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--workers", str(self.workers)], stdout=log, stderr=subprocess.STDOUT, cwd=PROJECT
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                httpx.get(self.url, timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the bare app did not start")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.process is not None:
            stop_process(self.process)
            self.process = None


def _admin(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def _admin_sql(url: str, sql: str) -> None:
    connection = await asyncpg.connect(_admin(url), timeout=10)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def create_database(server_url: str) -> tuple[str, str]:
    """A new empty database on the PostgreSQL server of `server_url`: (its name, its URL)."""
    name = f"kipnet_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin_sql(server_url, f'CREATE DATABASE "{name}"'))
    base, _, _ = server_url.partition("?")[0].rpartition("/")
    return name, f"{base}/{name}"


def drop_database(server_url: str, name: str) -> None:
    """Drop the bench's database (its connections too)."""
    asyncio.run(_admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _backend_pids(server_url: str, name: str) -> list[int]:
    connection = await asyncpg.connect(_admin(server_url), timeout=10)
    try:
        rows = await connection.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1", name)
    finally:
        await connection.close()
    return [int(row["pid"]) for row in rows]


def backend_pids(server_url: str | None, name: str | None) -> list[int]:
    """The PostgreSQL server processes serving database `name` (none for SQLite)."""
    if server_url is None or name is None:
        return []
    return asyncio.run(_backend_pids(server_url, name))
