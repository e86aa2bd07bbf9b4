"""GraphQL over HTTP through the real app: transport rules, limits, masking, auth, languages."""

from __future__ import annotations

import logging

import httpx
import pytest
from tortoise import Tortoise

from grants.directory import queries as directory_queries
from grants.models import AccessToken, Organisation, Role
from server.app import create_app
from server.settings import Settings
from tests import factories

SEM_NAME = '{ organisation(slug: "sem") { name } }'
SEM_NAME_GERMAN = '{ organisation(slug: "sem") { name(lang: "de") } }'
VIEWER = "{ viewer { email role } }"
LOGIN = """
mutation ($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token viewer { email role } errors { field message code } }
}
"""
LOGOUT = "mutation { logout { revoked errors { code } } }"
CREATE = 'mutation { createOrganisation(input: {kind: NGO, name: {de: "Per GET"}}) { errors { code } } }'
INTROSPECTION = "{ __schema { types { name } } }"
TYPO = '{ organisatoin(slug: "sem") { name } }'
DEPTH_BOMB = "{ organisations { edges { node { relationships { edges { node { source { relationships { edges { node { target { relationships { edges { node { kind } } } } } } } } } } } } } } }"
PRODUCTION = factories.PRODUCTION_SETTINGS


async def make_sem() -> Organisation:
    return await factories.organisation(
        "sem",
        kind="FEDERAL_OFFICE",
        name="Staatssekretariat für Migration",
        acronym="SEM",
    )


async def translate_sem() -> None:
    sem = await Organisation.get(slug="sem")
    sem.name = {"de": "Staatssekretariat für Migration", "fr": "Secrétariat d'État aux migrations"}
    await sem.save()


def client_for(settings: Settings) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(settings, manage_database=False))
    return httpx.AsyncClient(transport=transport, base_url="http://kipnet.test")


async def test_healthz_answers_only_while_the_database_does(db, client):
    # given a running database
    response = await client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})
    # when it goes away
    await Tortoise.close_connections()
    response = await client.get("/healthz")
    # then
    assert (response.status_code, response.json()) == (
        503,
        {"status": "unavailable", "database": "unreachable"},
    )


async def test_accept_language_picks_the_text_and_lang_overrides_it(db, client):
    await make_sem()
    await translate_sem()
    french = await client.post(
        "/graphql", json={"query": SEM_NAME}, headers={"Accept-Language": "fr-CH, fr;q=0.9"}
    )
    assert french.json() == {"data": {"organisation": {"name": "Secrétariat d'État aux migrations"}}}
    forced = await client.post("/graphql", json={"query": SEM_NAME_GERMAN}, headers={"Accept-Language": "fr"})
    assert forced.json() == {"data": {"organisation": {"name": "Staatssekretariat für Migration"}}}
    italian = await client.post("/graphql", json={"query": SEM_NAME}, headers={"Accept-Language": "it"})
    assert italian.json() == {"data": {"organisation": {"name": "Staatssekretariat für Migration"}}}


async def test_queries_may_use_get_but_mutations_may_not(db, client):
    await make_sem()
    got = await client.get("/graphql", params={"query": '{ organisation(slug: "sem") { slug } }'})
    assert got.json() == {"data": {"organisation": {"slug": "sem"}}}
    # a refused GET mutation answers a GraphQL error, in the media type asked for
    for accept, media_type in (
        (None, "application/json"),
        ("application/graphql-response+json", "application/graphql-response+json"),
    ):
        refused = await client.get(
            "/graphql", params={"query": CREATE}, headers={"Accept": accept} if accept else {}
        )
        assert (refused.status_code, refused.headers["content-type"], refused.json()) == (
            400,
            f"{media_type}; charset=utf-8",
            {
                "errors": [
                    {
                        "message": "mutations are not allowed when using GET",
                        "extensions": {"code": "BAD_REQUEST"},
                    }
                ]
            },
        )
    assert await Organisation.all().count() == 1


async def test_graphiql_introspection_and_suggestions_only_outside_production(db, client):
    ide = await client.get("/graphql", headers={"Accept": "text/html"})
    assert ide.status_code == 200
    assert "graphiql" in ide.text.lower()
    introspected = await client.post("/graphql", json={"query": INTROSPECTION})
    assert "errors" not in introspected.json()
    typo = await client.post("/graphql", json={"query": TYPO})
    assert "Did you mean" in typo.json()["errors"][0]["message"]
    async with client_for(PRODUCTION) as production:
        ide = await production.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in ide.text.lower()
        introspected = await production.post("/graphql", json={"query": INTROSPECTION})
        assert "data" not in introspected.json()
        assert [e["message"] for e in introspected.json()["errors"]] == [
            "GraphQL introspection has been disabled, but the requested query contained the field '__schema'.",
            "GraphQL introspection has been disabled, but the requested query contained the field 'types'.",
        ]
        typo = await production.post("/graphql", json={"query": TYPO})
        assert [e["message"] for e in typo.json()["errors"]] == [
            "Cannot query field 'organisatoin' on type (hidden)."
        ]


async def test_deep_wide_and_long_documents_are_refused_before_execution(db, client, sql_statements):
    deep = await client.post("/graphql", json={"query": DEPTH_BOMB})
    assert deep.status_code == 200
    assert deep.json() == {
        "errors": [
            {
                "message": "'anonymous' exceeds maximum operation depth of 10",
                "locations": [{"line": 1, "column": 114}],
            }
        ],
    }
    aliases = "{ " + " ".join(f"a{i}: programmes {{ code }}" for i in range(16)) + " }"
    wide = await client.post("/graphql", json={"query": aliases})
    assert [e["message"] for e in wide.json()["errors"]] == ["16 aliases found. Allowed: 15"]
    tokens = "{ " + " ".join("programmes { code }" for _ in range(700)) + " }"
    long = await client.post("/graphql", json={"query": tokens})
    assert [e["message"] for e in long.json()["errors"]] == [
        "Syntax Error: Document contains more than 2000 tokens. Parsing aborted."
    ]
    assert sql_statements.statements == []


async def test_a_body_over_the_limit_is_refused_with_413(db):
    async with client_for(Settings(max_body_bytes=1000)) as small:
        response = await small.post("/graphql", json={"query": "{ programmes { code } }", "pad": "x" * 2000})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 101}, "`first` must be between 0 and 100, got 101"),
        ({"first": 5, "after": "not a cursor"}, "The cursor is not valid for this list"),
    ],
)
async def test_bad_paging_arguments_get_a_clean_invalid_error(db, client, variables, message):
    query = (
        "query ($first: Int, $after: String) { organisations(first: $first, after: $after) { totalCount } }"
    )
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"organisations": None}
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [(message, "INVALID")]


async def test_a_malformed_node_id_is_simply_not_found(db, client):
    response = await client.post("/graphql", json={"query": '{ node(id: "garbage!!") { id } }'})
    assert response.json() == {"data": {"node": None}}


async def test_unexpected_faults_are_masked_and_logged_with_the_request_id(db, client, monkeypatch, caplog):
    # given a resolver that fails in a way nobody meant
    async def broken(slug: str) -> Organisation:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(directory_queries, "organisation_by_slug", broken)
    # when
    with caplog.at_level(logging.ERROR, logger="kipnet.errors"):
        response = await client.post("/graphql", json={"query": SEM_NAME}, headers={"X-Request-Id": "req-42"})
    # then
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-42"
    assert "secret internals" not in response.text
    assert [e["message"] for e in response.json()["errors"]] == ["Internal server error"]
    logged = [record for record in caplog.records if record.name == "kipnet.errors"]
    assert [record.getMessage() for record in logged] == ["unexpected error in organisation (request req-42)"]
    assert logged[0].exc_info is not None
    assert str(logged[0].exc_info[1]) == "secret internals"


async def test_login_bearer_token_viewer_and_logout(db, client):
    await factories.user(Role.REVIEWER, email="rita@example.org")
    logged_in = await client.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"email": "Rita@example.org", "password": factories.PASSWORD}},
    )
    payload = logged_in.json()["data"]["login"]
    assert (payload["viewer"], payload["errors"]) == ({"email": "rita@example.org", "role": "REVIEWER"}, [])
    bearer = {"Authorization": f"Bearer {payload['token']}"}
    assert (await client.post("/graphql", json={"query": VIEWER}, headers=bearer)).json() == {
        "data": {"viewer": {"email": "rita@example.org", "role": "REVIEWER"}}
    }
    assert (await client.post("/graphql", json={"query": VIEWER})).json() == {"data": {"viewer": None}}
    logged_out = await client.post("/graphql", json={"query": LOGOUT}, headers=bearer)
    assert logged_out.json() == {"data": {"logout": {"revoked": True, "errors": []}}}
    assert (await client.post("/graphql", json={"query": VIEWER}, headers=bearer)).json() == {
        "data": {"viewer": None}
    }


async def test_wrong_password_and_unknown_email_get_identical_answers_and_no_token(db, client):
    await factories.user(Role.REVIEWER, email="rita@example.org")
    answers = []
    for email, password in (
        ("rita@example.org", "not the password"),
        ("nobody@example.org", factories.PASSWORD),
    ):
        response = await client.post(
            "/graphql", json={"query": LOGIN, "variables": {"email": email, "password": password}}
        )
        answers.append(response.json())
    assert (
        answers[0]
        == answers[1]
        == {
            "data": {
                "login": {
                    "token": None,
                    "viewer": None,
                    "errors": [
                        {
                            "field": [],
                            "message": "E-mail address or password is wrong",
                            "code": "UNAUTHENTICATED",
                        }
                    ],
                }
            }
        }
    )
    assert await AccessToken.all().count() == 0


async def test_every_response_carries_a_request_id_and_forged_ones_are_replaced(db, client):
    plain = await client.get("/healthz")
    assert len(plain.headers["x-request-id"]) == 32
    forged = await client.get("/healthz", headers={"X-Request-Id": "evil\nINFO fake log line"})
    assert forged.headers["x-request-id"] != "evil\nINFO fake log line"
    assert len(forged.headers["x-request-id"]) == 32
