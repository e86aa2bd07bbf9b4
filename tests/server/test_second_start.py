"""A second `kipnet serve` next to a running one is refused before it changes anything."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.load import fetch, login_token
from tests.served import ServedKipnet, free_port, kipnet_command

ADMIN = "admin@demo.kipnet.example"
VIEWER = "{ viewer { email } }"
#: What a second demo used to change: passwords, tokens, audit records, applications.
STATE = [
    "SELECT email, password_hash FROM user_account ORDER BY email",
    "SELECT token_hash, revoked_at FROM access_token ORDER BY token_hash",
    "SELECT count(*) FROM audit_record",
    "SELECT count(*) FROM application",
]


def demo_password(log: Path, email: str) -> str:
    """The password the demo printed for `email`."""
    found = re.search(rf"^\s+\w+\s+{re.escape(email)}\s+(\S+)$", log.read_text(), re.MULTILINE)
    assert found, log.read_text()
    return found.group(1)


def viewer(server: ServedKipnet, token: str) -> object:
    answer = httpx.post(
        f"{server.url}/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token}"}
    )
    return answer.json()


def start_again(server: ServedKipnet, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        kipnet_command("serve", "--demo", "--port", str(port)),
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def demo(seeded_database_url: str, tmp_path: Path):
    server = ServedKipnet(seeded_database_url, tmp_path / "demo.log", serve_args=["--demo"]).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.postgres
def test_a_second_demo_on_the_same_port_is_refused_and_the_first_keeps_working(
    demo: ServedKipnet, seeded_database_url: str
):
    # given a running demo with a logged-in administrator
    password = demo_password(demo.log, ADMIN)
    token = login_token(demo.url, ADMIN, password)
    before = fetch(seeded_database_url, STATE)
    # when a second demo is started on the same port
    second = start_again(demo, demo.port)
    # then it is refused in one line, and nothing changed: the token and the password still work
    assert (second.returncode, second.stdout, second.stderr) == (
        1,
        "",
        f"kipnet: 127.0.0.1:{demo.port} is already in use (another kipnet serve?); nothing was changed — "
        "stop it or choose another --port\n",
    )
    assert fetch(seeded_database_url, STATE) == before
    assert viewer(demo, token) == {"data": {"viewer": {"email": ADMIN}}}
    assert login_token(demo.url, ADMIN, password)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_second_server_on_the_same_sqlite_file_is_refused_on_any_port(
    demo: ServedKipnet, seeded_database_url: str
):
    # given a running demo on a SQLite file with a logged-in administrator
    password = demo_password(demo.log, ADMIN)
    token = login_token(demo.url, ADMIN, password)
    before = fetch(seeded_database_url, STATE)
    # when a second demo is started on another port but the same file
    second = start_again(demo, free_port())
    # then it is refused before it touches the file
    database = seeded_database_url.removeprefix("sqlite://")
    assert (second.returncode, second.stdout, second.stderr) == (
        1,
        "",
        f"kipnet: {database} is in use by a running kipnet server (or a restore): "
        "stop it first; nothing was changed\n",
    )
    assert fetch(seeded_database_url, STATE) == before
    assert viewer(demo, token) == {"data": {"viewer": {"email": ADMIN}}}
