"""The `kipnet` command line as an operator runs it: real processes on a real database file."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import pytest
from graphql import build_schema as build_sdl
from graphql import print_schema

from tests.databases import POSTGRES_REQUIRED, database_url
from tests.databases import admin_sql as admin

KIPNET = str(Path(sys.executable).with_name("kipnet"))


def run(args: list[str], directory: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    environ |= {"KIPNET_DATABASE_URL": f"sqlite://{directory / 'k.sqlite3'}", **env}
    return subprocess.run(
        [KIPNET, *args],
        cwd=directory,
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def rows(directory: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(directory / "k.sqlite3") as connection:
        return connection.execute(sql).fetchall()


async def count(url: str, sql: str) -> int:
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        return int(await connection.fetchval(sql))
    finally:
        await connection.close()


def test_db_upgrade_is_repeatable(tmp_path):
    for _ in range(2):
        done = run(["db", "upgrade"], tmp_path)
        assert (done.returncode, done.stdout.strip()) == (0, "kipnet: database is up to date")
    assert rows(tmp_path, "SELECT name FROM tortoise_migrations ORDER BY id")[:2] == [
        ("0001_initial",),
        ("0002_grants",),
    ]


def test_schema_prints_the_sdl():
    done = subprocess.run([KIPNET, "schema"], capture_output=True, text=True, timeout=120, check=True)
    assert "type Organisation implements Node {" in done.stdout
    # arguments with descriptions print on lines of their own: compare the field without them
    printed = build_sdl(done.stdout)
    assert printed.query_type is not None
    for argument in printed.query_type.fields["partnerNetwork"].args.values():
        argument.description = None
    assert (
        "partnerNetwork(root: String!, depth: Int = 1, kinds: [RelationshipKind!] = null): PartnerNetwork"
        in print_schema(printed)
    )


def test_seed_twice_changes_nothing_the_second_time(tmp_path):
    run(["db", "upgrade"], tmp_path)
    first = run(["seed"], tmp_path)
    assert first.returncode == 0, first.stderr
    counts = rows(tmp_path, "SELECT (SELECT count(*) FROM organisation), (SELECT count(*) FROM audit_record)")
    second = run(["seed"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert first.stdout.splitlines() == [
        "kipnet: seeded the fixtures",
        "  organisations: 12 in the fixtures, 12 added",
        "  municipalities: 86 in the fixtures, 86 added",
        "  services: 14 in the fixtures, 14 added",
        "  relationships: 103 in the fixtures, 103 added",
        "  programme phases, funding areas, indicators: 4, 15, 6, as the fixtures say",
        "  KIP 1 measures: 160 added",
    ]
    assert second.stdout.splitlines() == [
        "kipnet: seeded the fixtures",
        "  organisations: 12 in the fixtures, 12 unchanged",
        "  municipalities: 86 in the fixtures, 86 unchanged",
        "  services: 14 in the fixtures, 14 unchanged",
        "  relationships: 103 in the fixtures, 103 unchanged",
        "  programme phases, funding areas, indicators: 4, 15, 6, as the fixtures say",
        "  KIP 1 measures: already loaded",
    ]
    assert (
        rows(tmp_path, "SELECT (SELECT count(*) FROM organisation), (SELECT count(*) FROM audit_record)")
        == counts
    )
    assert counts[0][0] == 98
    # an operator's edit is left alone, and only --restore-fixtures writes the fixture back
    with sqlite3.connect(tmp_path / "k.sqlite3") as connection:
        connection.execute("UPDATE organisation SET phone = '058 465 11 11' WHERE slug = 'sem'")
    kept = run(["seed"], tmp_path)
    restored = run(["seed", "--restore-fixtures"], tmp_path)
    assert kept.stdout.splitlines()[1] == (
        "  organisations: 12 in the fixtures, 11 unchanged, 1 left alone (changed since seeded: sem)"
    )
    assert kept.stdout.splitlines()[-1] == (
        "  Records changed since they were seeded were left alone; "
        "`kipnet seed --restore-fixtures` writes the fixture values back over them."
    )
    assert restored.stdout.splitlines()[1] == (
        "  organisations: 12 in the fixtures, 11 unchanged, 1 restored to the fixtures (sem)"
    )
    assert rows(tmp_path, "SELECT phone FROM organisation WHERE slug = 'sem'") == [(None,)]
    exported = run(["export", "360giving", "--output", str(tmp_path / "grants.json")], tmp_path)
    assert (exported.returncode, exported.stderr.strip()) == (
        0,
        f"kipnet: 160 grants written to {tmp_path / 'grants.json'}",
    )
    grants = json.loads((tmp_path / "grants.json").read_text(encoding="utf-8"))["grants"]
    assert [grant["id"] for grant in grants[:2]] == [
        "360G-kipnet-bl-KIP-2014-0001",
        "360G-kipnet-bl-KIP-2014-0002",
    ]


def test_users_add_reads_the_password_from_stdin_and_refuses_short_ones(tmp_path):
    run(["db", "upgrade"], tmp_path)
    short = run(["users", "add", "a@example.org", "--role", "ADMIN"], tmp_path, stdin="short\n")
    assert (short.returncode, short.stderr.strip()) == (
        1,
        "kipnet: password: The password must have at least 12 characters",
    )
    lonely = run(
        ["users", "add", "b@example.org", "--role", "APPLICANT"], tmp_path, stdin="long enough password\n"
    )
    assert (lonely.returncode, lonely.stderr.strip()) == (
        1,
        "kipnet: organisation: An applicant must belong to an organisation",
    )
    assert rows(tmp_path, "SELECT count(*) FROM user_account") == [(0,)]
    made = run(
        ["users", "add", "A@Example.org", "--role", "ADMIN", "--name", "Anna Admin"],
        tmp_path,
        stdin="long enough password\n",
    )
    assert (made.returncode, made.stdout.strip()) == (0, "kipnet: user a@example.org (ADMIN) created")
    stored = rows(
        tmp_path, "SELECT email, display_name, role, password_hash LIKE '$argon2id$%' FROM user_account"
    )
    assert stored == [("a@example.org", "Anna Admin", "ADMIN", 1)]


def test_production_without_a_secret_refuses_to_start(tmp_path):
    done = run(["serve"], tmp_path, KIPNET_ENV="production")
    assert done.returncode == 2
    assert done.stderr.startswith("kipnet: KIPNET_ENV=production needs KIPNET_SECRET_KEY")


def test_several_workers_on_sqlite_are_refused(tmp_path):
    done = run(["serve", "--workers", "2"], tmp_path)
    assert done.returncode == 2
    assert "several workers need PostgreSQL" in done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_demo_migrates_seeds_prints_accounts_and_answers(tmp_path):
    # given: no configuration at all, in an empty directory (the README's first command)
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if not key.startswith("KIPNET_")}
    server = subprocess.Popen(
        [KIPNET, "serve", "--demo", "--port", str(port)],
        cwd=tmp_path,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # when it is up
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"kipnet serve --demo did not come up: {server.stdout.read() if server.stdout else ''}"
                )
            time.sleep(0.3)
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": '{ organisation(slug: "sem") { acronym } organisations { totalCount } }'},
            timeout=10,
        )
        # then
        assert answer.json() == {
            "data": {"organisation": {"acronym": "SEM"}, "organisations": {"totalCount": 98}}
        }
        assert (tmp_path / "kipnet.sqlite3").exists()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "5 new demo applications" in output
    accounts = [line.split() for line in output.splitlines() if "@demo.kipnet.example" in line]
    assert [(role, email) for role, email, _ in accounts] == [
        ("APPLICANT", "applicant@demo.kipnet.example"),
        ("REVIEWER", "reviewer@demo.kipnet.example"),
        ("APPROVER", "approver@demo.kipnet.example"),
        ("ADMIN", "admin@demo.kipnet.example"),
    ]


def test_upgrade_and_seed_on_postgresql(postgres_problem, tmp_path):
    # given: an empty PostgreSQL database
    if postgres_problem:
        if POSTGRES_REQUIRED:
            pytest.fail(postgres_problem)
        pytest.skip(postgres_problem)
    name = f"kipnet_cli_{uuid.uuid4().hex[:10]}"
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        url = database_url(name)
        # when
        upgraded = run(["db", "upgrade"], tmp_path, KIPNET_DATABASE_URL=url)
        seeded = [run(["seed"], tmp_path, KIPNET_DATABASE_URL=url) for _ in range(2)]
        # then
        assert upgraded.returncode == 0, upgraded.stderr
        assert [done.returncode for done in seeded] == [0, 0], seeded[0].stderr
        assert asyncio.run(count(url, "SELECT count(*) FROM organisation")) == 98
        assert asyncio.run(count(url, "SELECT count(*) FROM municipality_profile")) == 86
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
