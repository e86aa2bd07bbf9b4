"""Two server processes on one PostgreSQL database share what must be shared: login counts and tokens."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.load import ADMIN_EMAIL, add_admin, login_token
from tests.served import ServedKipnet

WRONG = (
    'mutation ($e: String!) { login(input: {email: $e, password: "wrong wrong wrong"}) { errors { code } } }'
)
VIEWER = "{ viewer { email } }"
LOGOUT = "mutation { logout { revoked } }"


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_login_throttling_and_tokens_hold_across_worker_processes(database_url: str, tmp_path: Path) -> None:
    # given two kipnet processes on the same database
    add_admin(database_url)
    first = ServedKipnet(database_url, tmp_path / "first.log").start()
    second = ServedKipnet(database_url, tmp_path / "second.log").start()
    try:
        # a token issued by one is honoured, and once revoked there refused, by the other
        auth = {"Authorization": f"Bearer {login_token(first.url)}"}
        viewer = httpx.post(f"{second.url}/graphql", json={"query": VIEWER}, headers=auth)
        assert viewer.json() == {"data": {"viewer": {"email": ADMIN_EMAIL}}}
        httpx.post(f"{second.url}/graphql", json={"query": LOGOUT}, headers=auth)
        viewer = httpx.post(f"{first.url}/graphql", json={"query": VIEWER}, headers=auth)
        assert viewer.json() == {"data": {"viewer": None}}
        # when wrong passwords for one account alternate between them
        codes = []
        for attempt in range(12):
            server = (first, second)[attempt % 2]
            response = httpx.post(
                f"{server.url}/graphql", json={"query": WRONG, "variables": {"e": ADMIN_EMAIL}}
            )
            codes.append(response.json()["data"]["login"]["errors"][0]["code"])
        # then the limit of 10 counts both
        assert codes == ["UNAUTHENTICATED"] * 10 + ["RATE_LIMITED"] * 2
    finally:
        first.stop()
        second.stop()
