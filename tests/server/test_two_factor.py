"""Two-factor sign-in over HTTP through the real app, and the production gate for approvers and admins."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest

from grants.models import Role
from tests import factories
from tests.load import add_user
from tests.served import ServedKipnet, kipnet_command, kipnet_environment

PRODUCTION = factories.PRODUCTION_SETTINGS
LOGIN = """
mutation Login($code: String) {
  login(input: {email: "approver@example.org", password: "correct horse battery staple", code: $code}) {
    token errors { code field }
  }
}
"""
VIEWER = "{ viewer { email twoFactorSetupRequired } }"
QUEUE = "{ applications(first: 5) { totalCount } }"
LOGOUT_EVERYWHERE = "mutation { logoutEverywhere { revokedCount errors { code } } }"
BEGIN = "mutation { beginTwoFactorSetup { secret errors { code } } }"
CONFIRM = (
    "mutation C($code: String!) { confirmTwoFactor(input: {code: $code}) { recoveryCodes errors { code } } }"
)


async def graphql(
    client: httpx.AsyncClient, query: str, token: str | None = None, **variables: object
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert "errors" not in body
    data: dict[str, Any] = body["data"]
    return data


@pytest.mark.parametrize("settings", [PRODUCTION])
async def test_an_approver_in_production_cannot_act_without_the_second_factor(db, client):
    # given: an approver without two-factor sign-in signs in
    await factories.user(Role.APPROVER)
    token = (await graphql(client, LOGIN))["login"]["token"]
    anonymous = await graphql(client, QUEUE)
    # when: it reads, acts, exports
    viewer = await graphql(client, VIEWER, token)
    queue = await graphql(client, QUEUE, token)
    acted = await graphql(client, LOGOUT_EVERYWHERE, token)
    export = await client.get("/exports/applications.csv", headers={"Authorization": f"Bearer {token}"})
    # then: it is itself, sees what anyone sees, may not act, exports nothing
    assert viewer == {"viewer": {"email": "approver@example.org", "twoFactorSetupRequired": True}}
    assert queue == anonymous
    assert acted == {
        "logoutEverywhere": {"revokedCount": 0, "errors": [{"code": "TWO_FACTOR_SETUP_REQUIRED"}]}
    }
    assert export.status_code == 401
    assert (await graphql(client, VIEWER, token))["viewer"]["twoFactorSetupRequired"] is True

    # when: it sets up two-factor sign-in with the same session
    secret = (await graphql(client, BEGIN, token))["beginTwoFactorSetup"]["secret"].replace(" ", "")
    app = pyotp.TOTP(secret)
    confirmed_at = datetime.now(UTC)
    confirmed = (await graphql(client, CONFIRM, token, code=app.at(confirmed_at)))["confirmTwoFactor"]
    # then: the session acts
    assert confirmed["errors"] == []
    assert (await graphql(client, VIEWER, token))["viewer"]["twoFactorSetupRequired"] is False
    export = await client.get("/exports/applications.csv", headers={"Authorization": f"Bearer {token}"})
    assert export.status_code == 200

    # and the next sign-in needs a code: none, then the next step's (the first one is spent)
    refused = (await graphql(client, LOGIN))["login"]
    assert refused == {"token": None, "errors": [{"code": "TWO_FACTOR_REQUIRED", "field": ["input", "code"]}]}
    following = app.at(confirmed_at + timedelta(seconds=30))
    signed_in = (await graphql(client, LOGIN, code=following))["login"]
    assert signed_in["errors"] == []
    assert (await graphql(client, LOGIN, code=following))["login"]["errors"] == [
        {"code": "UNAUTHENTICATED", "field": ["input", "code"]}
    ]


async def test_outside_production_an_approver_acts_without_the_second_factor(db, client):
    await factories.user(Role.APPROVER)
    token = (await graphql(client, LOGIN))["login"]["token"]
    acted = await graphql(client, LOGOUT_EVERYWHERE, token)
    assert acted == {"logoutEverywhere": {"revokedCount": 1, "errors": []}}


PRODUCTION_ENV = {
    "KIPNET_ENV": "production",
    "KIPNET_SECRET_KEY": factories.PRODUCTION_SECRET,
    "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch",
}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_served_production_kipnet_holds_an_approver_to_the_second_factor(
    database_url: str, tmp_path: Path
) -> None:
    # given a production server over real HTTP with an approver made by the operator's command
    env = kipnet_environment(database_url, PRODUCTION_ENV)
    subprocess.run(kipnet_command("db", "upgrade"), env=env, check=True, capture_output=True)
    add_user(database_url, "approver@example.org", "APPROVER", password=factories.PASSWORD)
    server = ServedKipnet(database_url, tmp_path / "server.log", PRODUCTION_ENV).start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:

            def ask(query: str, token: str | None = None, **variables: object) -> Any:
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                body = {"query": query, "variables": variables}
                return http.post("/graphql", json=body, headers=headers).json()["data"]

            # when it signs in, tries to act, sets up the second factor, and signs in again
            token = ask(LOGIN)["login"]["token"]
            refused = ask(LOGOUT_EVERYWHERE, token)["logoutEverywhere"]
            secret = ask(BEGIN, token)["beginTwoFactorSetup"]["secret"].replace(" ", "")
            app = pyotp.TOTP(secret)
            confirmed_at = datetime.now(UTC)
            confirmed = ask(CONFIRM, token, code=app.at(confirmed_at))["confirmTwoFactor"]
            acted = ask(LOGOUT_EVERYWHERE, token)["logoutEverywhere"]
            without_code = ask(LOGIN)["login"]
            with_code = ask(LOGIN, code=app.at(confirmed_at + timedelta(seconds=30)))["login"]
    finally:
        server.stop()
    # then it could not act until the second factor was on, and signs in only with a code since
    assert refused["errors"] == [{"code": "TWO_FACTOR_SETUP_REQUIRED"}]
    assert confirmed["errors"] == []
    assert acted == {"revokedCount": 1, "errors": []}
    assert without_code["errors"] == [{"code": "TWO_FACTOR_REQUIRED", "field": ["input", "code"]}]
    assert without_code["token"] is None
    assert with_code["errors"] == []
    assert with_code["token"]
