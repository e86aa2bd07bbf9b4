"""Crash safety and backups, with a real server process under a stream of acknowledged writes."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.load import WriteStream, add_admin, login_token, query
from tests.served import ServedKipnet, kipnet_command, kipnet_environment

SLUGS = "SELECT slug FROM organisation"
CREATED_AUDITS = "SELECT count(*) FROM audit_record WHERE action = 'organisation.create'"


def wait_for(stream: WriteStream, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while stream.count() < count:
        assert time.monotonic() < deadline, f"only {stream.count()} writes acknowledged"
        time.sleep(0.02)


@pytest.mark.postgres
def test_sigkill_mid_stream_loses_no_acknowledged_write(database_url: str, tmp_path: Path) -> None:
    # given a server taking a stream of writes from 4 clients
    add_admin(database_url)
    server = ServedKipnet(database_url, tmp_path / "server.log").start()
    stream = WriteStream(server.url, login_token(server.url), threads=4)
    with stream:
        wait_for(stream, 80)
        # when the process is killed in the middle of it
        server.kill()
    acknowledged = list(stream.acknowledged)
    # then, after a restart, every acknowledged organisation is there, each with its audit record
    server.start()
    try:
        stored = {row[0] for row in query(database_url, SLUGS)}
        assert set(acknowledged) <= stored
        assert len(stored) - len(acknowledged) <= 4  # at most the requests in flight committed unanswered
        assert query(database_url, CREATED_AUDITS) == [(len(stored),)]
        # and the restarted server keeps accepting writes
        with WriteStream(server.url, login_token(server.url), threads=1) as after:
            wait_for(after, 3)
    finally:
        server.stop()
    if database_url.startswith("sqlite://"):
        assert query(database_url, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_online_backup_under_load_restores_to_a_consistent_database(
    database_url: str, tmp_path: Path
) -> None:
    # given a server under a stream of writes
    add_admin(database_url)
    server = ServedKipnet(database_url, tmp_path / "server.log").start()
    backup_file = tmp_path / "kipnet-backup.sqlite3"
    env = kipnet_environment(database_url)
    try:
        with WriteStream(server.url, login_token(server.url), threads=3) as stream:
            wait_for(stream, 30)
            before = set(stream.acknowledged)
            # when a backup is taken while the writes go on
            made = subprocess.run(
                kipnet_command("db", "backup", str(backup_file)), env=env, capture_output=True, text=True
            )
            wait_for(stream, len(before) + 20)
    finally:
        server.stop()
    assert made.returncode == 0, made.stderr
    assert "integrity ok" in made.stdout
    # then the backup holds everything acknowledged before it began, and nothing half-written
    backed_up = {row[0] for row in query(f"sqlite://{backup_file}", SLUGS)}
    assert before <= backed_up
    assert backed_up < {row[0] for row in query(database_url, SLUGS)}
    assert query(f"sqlite://{backup_file}", CREATED_AUDITS) == [(len(backed_up),)]
    # and restoring it into a new database gives a server with exactly that content
    restored_url = f"sqlite://{tmp_path / 'restored.sqlite3'}"
    restored = subprocess.run(
        kipnet_command("db", "restore", str(backup_file)),
        env=kipnet_environment(restored_url),
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr
    assert query(restored_url, "PRAGMA integrity_check") == [("ok",)]
    replacement = ServedKipnet(restored_url, tmp_path / "restored.log").start()
    try:
        ready = httpx.get(f"{replacement.url}/readyz")
        assert ready.status_code == 200
    finally:
        replacement.stop()
    assert {row[0] for row in query(restored_url, SLUGS)} == backed_up


@pytest.mark.parametrize("backend", ["sqlite"])
def test_backup_and_restore_refuse_what_they_cannot_do_and_write_nothing(
    database_url: str, tmp_path: Path
) -> None:
    env = kipnet_environment(database_url)
    existing = tmp_path / "taken.sqlite3"
    existing.write_bytes(b"keep me")
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    before = query(database_url, "SELECT count(*) FROM tortoise_migrations")
    outcomes = [
        subprocess.run(kipnet_command(*args), env=env | extra, capture_output=True, text=True)
        for args, extra in (
            (("db", "backup", str(existing)), {}),
            (("db", "restore", str(garbage)), {}),
            (("db", "restore", str(tmp_path / "missing.sqlite3")), {}),
            (
                ("db", "backup", str(tmp_path / "pg.dump")),
                {"KIPNET_DATABASE_URL": "postgres://localhost/kipnet"},
            ),
        )
    ]
    assert [o.returncode for o in outcomes] == [1, 1, 1, 1]
    assert [o.stderr.strip() for o in outcomes] == [
        f"kipnet: {existing} exists: choose a new file name",
        f"kipnet: {garbage} is not a SQLite database: file is not a database",
        f"kipnet: no backup at {tmp_path / 'missing.sqlite3'}",
        "kipnet: for PostgreSQL use its own tools: pg_dump --format=custom --file=kipnet.dump DBNAME, "
        "and pg_restore --clean --if-exists --dbname=DBNAME kipnet.dump (README: Operating kipnet)",
    ]
    assert existing.read_bytes() == b"keep me"
    assert not (tmp_path / "pg.dump").exists()
    assert query(database_url, "SELECT count(*) FROM tortoise_migrations") == before
    assert query(database_url, "PRAGMA integrity_check") == [("ok",)]
