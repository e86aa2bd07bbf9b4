"""Production mode: headers, CORS, readiness, masked faults in JSON logs, and a real production server."""

from __future__ import annotations

import io
import json
import logging
import subprocess

import httpx
import pytest
from tortoise import connections

from grants.directory import queries as directory_queries
from grants.models import Organisation
from server.graphiql import PAGE_CSP
from server.logs import JsonFormatter, RequestIdFilter
from server.settings import Settings
from tests import factories
from tests.load import add_user
from tests.served import ServedKipnet, kipnet_command, kipnet_environment

PRODUCTION = factories.PRODUCTION_SETTINGS
PORTAL = "https://portal.kip-bl.ch"
SEM_NAME = '{ organisation(slug: "sem") { name } }'
INTROSPECTION = "{ __schema { types { name } } }"
DEPTH_BOMB = "{ a: organisations { edges { node { relationships { edges { node { source { relationships { edges { node { target { relationships { edges { node { kind } } } } } } } } } } } } } } }"
LOGIN = 'mutation { login(input: {email: "lead@ald.ch", password: "guess-guess-1"}) { errors { code } } }'


@pytest.mark.parametrize("settings", [PRODUCTION])
async def test_every_response_carries_the_security_headers(db, client):
    answers = {
        "no-store": await client.get("/healthz"),
        # a public answer may be kept by anyone, but only after asking again (with its ETag)
        "public, no-cache": await client.post("/graphql", json={"query": "{ programmes { code } }"}),
    }
    for cache_control, response in answers.items():
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert (
            response.headers["content-security-policy"]
            == "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
        )
        assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"
        assert response.headers["cache-control"] == cache_control


async def test_development_has_no_strict_transport_and_graphiql_has_its_own_csp(db, client):
    ide = await client.get("/graphql", headers={"Accept": "text/html"})
    # the page's own policy (its files from this origin only), not the API's default-src 'none'
    assert ide.headers["content-security-policy"] == PAGE_CSP
    assert "strict-transport-security" not in ide.headers
    assert ide.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("settings", [Settings(cors_origins=(PORTAL,))])
async def test_cors_answers_only_the_allowed_origins(db, client):
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = await client.options("/graphql", headers={"Origin": PORTAL, **preflight})
    assert (allowed.status_code, allowed.headers["access-control-allow-origin"]) == (200, PORTAL)
    refused = await client.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    simple = await client.post(
        "/graphql", json={"query": "{ programmes { code } }"}, headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in simple.headers


async def test_without_an_allow_list_no_origin_is_allowed(db, client):
    response = await client.post(
        "/graphql", json={"query": "{ programmes { code } }"}, headers={"Origin": PORTAL}
    )
    assert "access-control-allow-origin" not in response.headers


async def test_readyz_wants_every_migration_applied(db, client):
    ready = await client.get("/readyz")
    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ok", "database": "ok", "migrations": "current"},
    )
    # given a database one migration behind the code
    await connections.get("default").execute_query(
        "DELETE FROM tortoise_migrations WHERE name = '0003_rate_limits'"
    )
    behind = await client.get("/readyz")
    assert (behind.status_code, behind.json()) == (
        503,
        {"status": "unavailable", "database": "ok", "migrations": "pending", "pending": ["0003_rate_limits"]},
    )
    # liveness does not care
    assert (await client.get("/healthz")).status_code == 200


async def test_a_masked_fault_gives_the_client_its_request_id_and_the_log_a_json_line(
    db, client, monkeypatch
):
    # given JSON logging and a resolver that fails in a way nobody meant
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    kipnet_logger = logging.getLogger("kipnet")
    kipnet_logger.addHandler(handler)
    previous_level = kipnet_logger.level
    kipnet_logger.setLevel(logging.INFO)

    async def broken(slug: str) -> Organisation:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(directory_queries, "organisation_by_slug", broken)
    try:
        response = await client.post("/graphql", json={"query": SEM_NAME}, headers={"X-Request-Id": "req-77"})
    finally:
        kipnet_logger.removeHandler(handler)
        kipnet_logger.setLevel(previous_level)
    # then the client sees no internals, only the id to quote
    assert response.json()["errors"] == [
        {
            "message": "Internal server error",
            "locations": [{"line": 1, "column": 3}],
            "path": ["organisation"],
            "extensions": {"code": "INTERNAL", "requestId": "req-77"},
        }
    ]
    # and the operator finds the fault and the access line under that id
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    fault = next(line for line in lines if line["logger"] == "kipnet.errors")
    assert (fault["level"], fault["request_id"]) == ("ERROR", "req-77")
    assert "RuntimeError: secret internals" in fault["exception"]
    access = next(line for line in lines if line["logger"] == "kipnet.access")
    assert (access["request_id"], access["method"], access["path"], access["status"]) == (
        "req-77",
        "POST",
        "/graphql",
        200,
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_production_server_refuses_introspection_oversize_depth_and_password_guessing(
    database_url, tmp_path
):
    # given a production server with one applicant account
    env = kipnet_environment(
        database_url,
        {
            "KIPNET_ENV": "production",
            "KIPNET_SECRET_KEY": factories.PRODUCTION_SECRET,
            "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch",
        },
    )
    subprocess.run(kipnet_command("seed"), env=env, check=True, capture_output=True)
    add_user(database_url, "lead@ald.ch", "APPLICANT", organisation="ald", password="the right passphrase")
    server = ServedKipnet(
        database_url,
        tmp_path / "server.log",
        {
            "KIPNET_ENV": "production",
            "KIPNET_SECRET_KEY": factories.PRODUCTION_SECRET,
            "KIPNET_PUBLIC_URL": "https://kipnet.bl.ch",
        },
    )
    server.start()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            introspection = http.post("/graphql", json={"query": INTROSPECTION})
            oversize = http.post(
                "/graphql",
                content=b'{"query": "' + b" " * 1_100_000 + b'{ programmes { code } }"}',
                headers={"Content-Type": "application/json"},
            )
            deep = http.post(
                "/graphql",
                json={"query": DEPTH_BOMB},
                headers={"Accept": "application/graphql-response+json"},
            )
            logins = [
                http.post("/graphql", json={"query": LOGIN}).json()["data"]["login"]["errors"][0]["code"]
                for _ in range(25)
            ]
            ide = http.get("/graphql", headers={"Accept": "text/html"})
    finally:
        server.stop()
    assert "__schema" in introspection.json()["errors"][0]["message"]
    assert "data" not in introspection.json()
    assert oversize.status_code == 413
    assert deep.status_code == 400
    assert deep.json()["errors"][0]["message"] == "'anonymous' exceeds maximum operation depth of 10"
    assert logins == ["UNAUTHENTICATED"] * 10 + ["RATE_LIMITED"] * 15
    assert ide.status_code == 404
    # and it logged JSON lines, one access line per request with its id
    lines = [
        json.loads(line)
        for line in (tmp_path / "server.log").read_text().splitlines()
        if line.startswith("{")
    ]
    access = [line for line in lines if line["logger"] == "kipnet.access" and line["path"] == "/graphql"]
    assert len(access) == 29
    assert all(len(line["request_id"]) == 32 for line in access)
