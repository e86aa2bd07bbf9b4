"""Abuse limits through the real app: media types, batching, cost, body size, login throttling, sessions."""

from __future__ import annotations

import math
import socket
import time

import pytest

from grants.models import AccessToken, RateLimitCounter, Role
from schema.base.nul import MESSAGE
from tests import factories
from tests.served import ServedKipnet

RESPONSE_JSON = "application/graphql-response+json"
PROGRAMMES = "{ programmes { code } }"
BROKEN = "{ programmes { code "
UNKNOWN_FIELD = "{ programmes { nonsense } }"
NESTED = """
query ($outer: Int, $inner: Int) {
  organisations(first: $outer) { edges { node { slug services(first: $inner) { edges { node { id } } } } } }
}
"""
# a variable's default page, with no variables sent: 100 x 100 again
DEFAULTED = """
query ($n: Int = 100) {
  organisations(first: $n) { edges { node { slug services(first: $n) { edges { node { id } } } } } }
}
"""
# lists without paging: up to 200 budget lines per application
BUDGET_LINES = (
    "{ applications(first: 100) { edges { node { budgetLines { description amount { amount } } } } } }"
)
LOGIN = """
mutation ($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token retryAfterSeconds errors { field code message } }
}
"""
LOGOUT_EVERYWHERE = "mutation { logoutEverywhere { revokedCount errors { code } } }"
CHANGE_PASSWORD = """
mutation ($current: String!, $new: String!) {
  changePassword(input: {currentPassword: $current, newPassword: $new}) { token errors { field code } }
}
"""
VIEWER = "{ viewer { email } }"
PRODUCTION = factories.PRODUCTION_SETTINGS


async def test_the_graphql_response_media_type_turns_request_errors_into_400_without_data(db, client):
    # a well-formed query: 200 in the media type asked for
    fine = await client.post("/graphql", json={"query": PROGRAMMES}, headers={"Accept": RESPONSE_JSON})
    assert (fine.status_code, fine.headers["content-type"], fine.json()) == (
        200,
        f"{RESPONSE_JSON}; charset=utf-8",
        {"data": {"programmes": []}},
    )
    # parse and validation failures: 400, no data entry
    for document in (BROKEN, UNKNOWN_FIELD):
        refused = await client.post("/graphql", json={"query": document}, headers={"Accept": RESPONSE_JSON})
        assert refused.status_code == 400
        assert refused.headers["content-type"] == f"{RESPONSE_JSON}; charset=utf-8"
        assert list(refused.json()) == ["errors"]
    # legacy clients (application/json or no Accept) keep 200, still without data
    legacy = await client.post("/graphql", json={"query": BROKEN}, headers={"Accept": "application/json"})
    assert (legacy.status_code, legacy.headers["content-type"]) == (200, "application/json; charset=utf-8")
    assert list(legacy.json()) == ["errors"]


async def test_a_field_error_is_not_a_request_error(db, client):
    response = await client.post(
        "/graphql",
        json={"query": "{ organisations(first: 101) { totalCount } }"},
        headers={"Accept": RESPONSE_JSON},
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"organisations": None}
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID"


async def test_batched_requests_are_refused_with_a_graphql_error(db, client):
    response = await client.post(
        "/graphql", json=[{"query": PROGRAMMES}, {"query": PROGRAMMES}], headers={"Accept": RESPONSE_JSON}
    )
    assert (response.status_code, response.headers["content-type"], response.json()) == (
        400,
        f"{RESPONSE_JSON}; charset=utf-8",
        {"errors": [{"message": "Batching is not enabled", "extensions": {"code": "BAD_REQUEST"}}]},
    )


async def test_the_cost_limit_multiplies_nested_page_sizes_and_refuses_before_any_sql(
    db, client, sql_statements
):
    # 100 organisations x 100 services each is over the limit of 25,000
    response = await client.post(
        "/graphql", json={"query": NESTED, "variables": {"outer": 100, "inner": 100}}
    )
    assert response.json() == {
        "errors": [
            {
                "message": "The query costs 30401, more than the limit of 25000: ask for smaller pages "
                "(`first`), fewer nested lists or fewer aliases",
                "locations": [{"line": 2, "column": 1}],
                "extensions": {"code": "QUERY_TOO_COSTLY", "cost": 30401, "limit": 25000},
            }
        ]
    }
    assert sql_statements.statements == []
    # 50 x 20 is fine
    fine = await client.post("/graphql", json={"query": NESTED, "variables": {"outer": 50, "inner": 20}})
    assert fine.json() == {"data": {"organisations": {"edges": []}}}


@pytest.mark.parametrize(
    ("document", "cost"),
    [
        pytest.param(DEFAULTED, 30401, id="variable-default"),
        pytest.param(BUDGET_LINES, 60301, id="budget-lines"),
    ],
)
async def test_pages_from_variable_defaults_and_unpaged_lists_are_costed_and_refused_before_any_sql(
    db, client, sql_statements, document, cost
):
    response = await client.post("/graphql", json={"query": document})
    assert response.json()["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": cost,
        "limit": 25000,
    }
    assert list(response.json()) == ["errors"]
    assert sql_statements.statements == []


@pytest.mark.parametrize("settings", [PRODUCTION])
async def test_25_wrong_passwords_in_a_row_are_rate_limited_with_the_wait(db, client):
    # given a real account
    await factories.organisation("ald", kind="NGO", name="Ausländerdienst Baselland")
    await factories.user(Role.APPLICANT, email="lead@ald.ch", organisation="ald")
    # when 25 wrong passwords arrive in a row
    answers = []
    started = time.monotonic()
    for _ in range(25):
        response = await client.post(
            "/graphql",
            json={"query": LOGIN, "variables": {"email": "lead@ald.ch", "password": "guess-guess-1"}},
        )
        answers.append(response.json()["data"]["login"])
    elapsed = time.monotonic() - started
    # then the first 10 are checked, the other 15 refused with the seconds left of the 15-minute
    # window (less the time the 25 requests took: a loaded machine takes longer than 10 s)
    assert [a["errors"][0]["code"] for a in answers] == ["UNAUTHENTICATED"] * 10 + ["RATE_LIMITED"] * 15
    waits = [a["retryAfterSeconds"] for a in answers[10:]]
    assert all(900 - math.ceil(elapsed) - 1 <= wait <= 900 for wait in waits)
    assert waits == sorted(waits, reverse=True)
    assert answers[10]["errors"][0]["message"] == f"Too many login attempts: try again in {waits[0]} seconds"
    assert {a["token"] for a in answers} == {None}
    # and even the right password is refused until the window ends
    right = await client.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"email": "lead@ald.ch", "password": factories.PASSWORD}},
    )
    assert right.json()["data"]["login"]["errors"][0]["code"] == "RATE_LIMITED"
    assert await AccessToken.all().count() == 0


async def test_logout_everywhere_and_change_password_over_http(db, client):
    await factories.user(Role.ADMIN, email="admin@kip.ch")
    tokens = []
    for _ in range(2):
        response = await client.post(
            "/graphql",
            json={"query": LOGIN, "variables": {"email": "admin@kip.ch", "password": factories.PASSWORD}},
        )
        tokens.append(response.json()["data"]["login"]["token"])
    first, second = ({"Authorization": f"Bearer {token}"} for token in tokens)
    # a wrong current password changes nothing
    wrong = await client.post(
        "/graphql",
        json={
            "query": CHANGE_PASSWORD,
            "variables": {"current": "not my password", "new": "brand new passphrase"},
        },
        headers=first,
    )
    assert wrong.json()["data"]["changePassword"] == {
        "token": None,
        "errors": [{"field": ["input", "currentPassword"], "code": "UNAUTHENTICATED"}],
    }
    assert (await client.post("/graphql", json={"query": VIEWER}, headers=second)).json()["data"]["viewer"]
    # the right one revokes both sessions and gives a new token
    changed = await client.post(
        "/graphql",
        json={
            "query": CHANGE_PASSWORD,
            "variables": {"current": factories.PASSWORD, "new": "brand new passphrase"},
        },
        headers=first,
    )
    new_token = changed.json()["data"]["changePassword"]["token"]
    assert changed.json()["data"]["changePassword"]["errors"] == []
    for headers in (first, second):
        assert (await client.post("/graphql", json={"query": VIEWER}, headers=headers)).json() == {
            "data": {"viewer": None}
        }
    fresh = {"Authorization": f"Bearer {new_token}"}
    everywhere = await client.post("/graphql", json={"query": LOGOUT_EVERYWHERE}, headers=fresh)
    assert everywhere.json() == {"data": {"logoutEverywhere": {"revokedCount": 1, "errors": []}}}
    assert (await client.post("/graphql", json={"query": VIEWER}, headers=fresh)).json() == {
        "data": {"viewer": None}
    }
    anonymous = await client.post("/graphql", json={"query": LOGOUT_EVERYWHERE})
    assert anonymous.json()["data"]["logoutEverywhere"]["errors"] == [{"code": "UNAUTHENTICATED"}]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_oversized_body_is_refused_with_413_before_it_is_sent_whole(served: ServedKipnet):
    # given a client announcing 5 MB but sending only 64 KB of it
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as connection:
        connection.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: kipnet\r\nContent-Type: application/json\r\n"
            b"Content-Length: 5000000\r\n\r\n" + b" " * 65536
        )
        # then the answer comes at once (a server waiting for the rest would time out here)
        head = connection.recv(4096).split(b"\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.1 413 ")
    # and a chunked body that grows past 1 MB is cut off the same way
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as connection:
        connection.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: kipnet\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)
        for _ in range(17):
            connection.sendall(chunk)
        head = connection.recv(4096).split(b"\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.1 413 ")


@pytest.mark.parametrize("settings", [PRODUCTION])
async def test_nul_characters_are_refused_before_anything_runs_on_either_backend(db, client):
    # given an applicant (PostgreSQL cannot even compare text holding U+0000)
    await factories.organisation("ald", kind="NGO", name="Ausländerdienst Baselland")
    await factories.user(Role.APPLICANT, email="lead@ald.ch", organisation="ald")
    literal = 'mutation { login(input: {email: "lead@ald.ch\\u0000", password: "x"}) { token } }'
    by_variable = {"query": LOGIN, "variables": {"email": "lead@ald.ch", "password": "pass\x00word"}}
    # when
    answers = [
        await client.post("/graphql", json={"query": literal}, headers={"Accept": RESPONSE_JSON}),
        await client.post("/graphql", json=by_variable, headers={"Accept": RESPONSE_JSON}),
    ]
    # and: lone surrogates, which neither database can encode, in a literal and in a variable (raw JSON)
    surrogates = [
        await client.post(
            "/graphql",
            json={"query": literal.replace("\\u0000", "\\ud800")},
            headers={"Accept": RESPONSE_JSON},
        ),
        await client.post(
            "/graphql",
            content=b'{"query": "query ($c: String!) { programme(code: $c) { code } }", "variables": {"c": "K\\udc00"}}',
            headers={"Accept": RESPONSE_JSON, "Content-Type": "application/json"},
        ),
    ]
    assert [(a.status_code, a.json()["errors"][0]["message"]) for a in surrogates] == [
        (400, "Syntax Error: Invalid Unicode escape sequence: '\\ud800'."),  # the parser refuses it itself
        (400, MESSAGE),
    ]
    # then both are request errors, and not even a login attempt was counted
    assert [(a.status_code, a.json()) for a in answers] == [
        (
            400,
            {
                "errors": [
                    {
                        "message": MESSAGE,
                        "locations": [{"line": 1, "column": 33}],
                        "extensions": {"code": "INVALID"},
                    }
                ]
            },
        ),
        (
            400,
            {
                "errors": [
                    {
                        "message": MESSAGE,
                        "extensions": {"code": "INVALID"},
                    }
                ]
            },
        ),
    ]
    assert await RateLimitCounter.all().count() == 0
