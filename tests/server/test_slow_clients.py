"""Slow, greedy and vanishing clients against a served kipnet: bounded body time, a connection cap,
and disconnects logged as such (499), never as a fault."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server import cli, serving
from tests.served import ServedKipnet

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])

LOGIN = (
    b'{"query": "mutation { login(input: {email: \\"nobody@kip.ch\\", password: \\"guess-guess-1\\"})'
    b' { errors { code } } }"}'
)
# How long a test waits for a served process to do something (a bound, not an expectation).
PATIENCE_SECONDS = 15.0


def post_head(length: int) -> bytes:
    return (
        b"POST /graphql HTTP/1.1\r\nHost: kipnet\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % length
    )


def read_until_closed(connection: socket.socket) -> bytes:
    """Everything the server sent until it closed the connection.

    A reset counts as the close: a trickling client may have sent a byte after the server stopped
    reading, and the server's kernel answers that byte with RST. What the server sent before is
    still read first (Linux hands out queued data before the error), and the callers check that the
    answer is whole.
    """
    answer = b""
    try:
        while chunk := connection.recv(65536):
            answer += chunk
    except ConnectionResetError:
        pass
    return answer


def access_lines(log: Path, path: str = "/graphql") -> list[str]:
    """The text of the access lines for `path`, waiting (bounded) for at least one."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        lines = [
            line for line in log.read_text().splitlines() if "kipnet.access" in line and f" {path} " in line
        ]
        if lines or time.monotonic() > deadline:
            return [line.split("] ", 1)[1] for line in lines]
        time.sleep(0.05)


@pytest.fixture
def serve(database_url: str, tmp_path: Path) -> Iterator[Any]:
    started: list[ServedKipnet] = []

    def start(**environment: str) -> ServedKipnet:
        server = ServedKipnet(
            database_url, tmp_path / "server.log", {"KIPNET_LOG_FORMAT": "text", **environment}
        )
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()


def test_a_body_that_trickles_in_gets_408_within_the_body_timeout(serve):
    # given a server that waits at most 1 second for a whole body
    server = serve(KIPNET_BODY_TIMEOUT_SECONDS="1")
    with socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE_SECONDS) as connection:
        # when a client announces 1000 bytes and sends one now and then
        connection.sendall(post_head(1000) + b"{")
        connection.settimeout(0.2)
        answer = b""
        for _ in range(int(PATIENCE_SECONDS / 0.2)):
            try:
                answer = connection.recv(65536)
                break
            except TimeoutError:
                try:
                    connection.sendall(b" ")
                except (BrokenPipeError, ConnectionResetError):
                    break  # the server closed in between; its answer is still queued for reading
        # then the server answers 408 (its deadline is for the whole body) and closes the connection
        connection.settimeout(PATIENCE_SECONDS)
        answer += read_until_closed(connection)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == b"HTTP/1.1 408 Request Timeout"
    assert b"content-type: application/json; charset=utf-8" in head.split(b"\r\n")
    assert b"x-content-type-options: nosniff" in head.split(b"\r\n")
    assert json.loads(body) == {
        "errors": [
            {
                "message": "The request body did not arrive within 1 seconds",
                "extensions": {"code": "BODY_TIMEOUT"},
            }
        ]
    }
    assert access_lines(server.log) == ["POST /graphql 408"]


def test_a_client_that_leaves_while_sending_its_body_is_logged_as_499_not_as_a_fault(serve):
    server = serve()
    # when a client sends half a body and closes the connection
    with socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE_SECONDS) as connection:
        connection.sendall(post_head(1000) + b'{"query": ')
    # then the access line says so, and nothing is logged as an error
    assert access_lines(server.log) == ["POST /graphql 499 client closed request"]
    server.stop()
    assert " ERROR " not in server.log.read_text()
    assert "Traceback" not in server.log.read_text()


def test_a_client_that_leaves_while_its_mutation_waits_is_logged_as_499_not_as_a_fault(serve, database_url):
    server = serve()
    # given the database busy with another writer, so that a login (it counts attempts) waits
    blocker = sqlite3.connect(database_url.removeprefix("sqlite://"), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        # when a client sends a whole login and leaves while it waits
        with socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE_SECONDS) as connection:
            connection.sendall(post_head(len(LOGIN)) + LOGIN)
            time.sleep(0.5)
    finally:
        # (well within SQLite's busy timeout of 5 s, so that the login then goes through)
        time.sleep(0.5)
        blocker.execute("ROLLBACK")
        blocker.close()
    # then the access line says the client closed the request, and no error is logged
    assert access_lines(server.log) == ["POST /graphql 499 client closed request"]
    server.stop()
    assert " ERROR " not in server.log.read_text()
    assert "Traceback" not in server.log.read_text()


def test_past_the_connection_cap_new_requests_get_503_until_connections_close(serve):
    # given a server taking at most 2 connections, one held by a client still sending its body
    server = serve(KIPNET_MAX_CONNECTIONS="2")
    held = [socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE_SECONDS)]
    held[0].sendall(post_head(1000) + b"{")
    try:
        # then a second client is served
        assert httpx.get(f"{server.url}/healthz", timeout=PATIENCE_SECONDS).status_code == 200
        # when a second one holds its connection too
        held.append(socket.create_connection(("127.0.0.1", server.port), timeout=PATIENCE_SECONDS))
        held[1].sendall(post_head(1000) + b"{")
        # then a third client is turned away (once the server has taken the second one in)
        assert eventually_status(server, 503)
    finally:
        for connection in held:
            connection.close()
    # and served again once the others are gone
    assert eventually_status(server, 200)


def eventually_status(server: ServedKipnet, status: int) -> bool:
    """True once /healthz answers `status` (asked again and again, for a bounded time)."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while httpx.get(f"{server.url}/healthz", timeout=PATIENCE_SECONDS).status_code != status:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_serve_hands_the_connection_settings_to_uvicorn(monkeypatch, backend):
    # given the environment's settings
    monkeypatch.setenv("KIPNET_MAX_CONNECTIONS", "50")
    monkeypatch.setenv("KIPNET_KEEPALIVE_SECONDS", "2")
    options: dict[str, Any] = {}
    monkeypatch.setattr(serving, "serve", lambda **given: options.update(given["uvicorn_options"]) or 0)
    monkeypatch.setattr(cli, "configure_logging", lambda **_: None)
    # when kipnet serve starts
    assert cli.main(["serve"]) == 0
    # then uvicorn caps connections and closes idle keep-alive connections as configured
    # (uvicorn counts the connection arriving too: 51 lets 50 be served at once)
    assert (options["limit_concurrency"], options["timeout_keep_alive"]) == (51, 2)
