"""Public answers over HTTP: kept between writes, with an ETag and 304; private ones never kept."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from grants import accounts
from grants.models import Role
from server.app import create_app
from server.settings import Settings
from tests import factories

ORGANISATION = '{ organisation(slug: "ald") { name acronym } }'
ID_OF_ALD = '{ organisation(slug: "ald") { id } }'
RENAME = """
mutation ($id: ID!, $name: String!) {
  updateOrganisation(input: {id: $id, name: {de: $name}}) { errors { code } }
}
"""
INVALID = '{ organisation(slug: "ald") { nonsense } }'


async def admin_headers(settings: Settings) -> dict[str, str]:
    user = await factories.user(Role.ADMIN, email="cache-admin@example.org")
    token, _ = await accounts.login(email=user.email, password=factories.PASSWORD, secret=settings.secret_key)
    return {"Authorization": f"Bearer {token}"}


async def rename_ald(http: httpx.AsyncClient, headers: dict[str, str], name: str) -> None:
    found = await http.post("/graphql", json={"query": ID_OF_ALD}, headers=headers)
    identifier = found.json()["data"]["organisation"]["id"]
    answer = await http.post(
        "/graphql", json={"query": RENAME, "variables": {"id": identifier, "name": name}}, headers=headers
    )
    assert answer.json() == {"data": {"updateOrganisation": {"errors": []}}}


def get(http: httpx.AsyncClient, query: str, **headers: Any) -> Any:
    """GET /graphql with the headers given as keywords (if_none_match: If-None-Match)."""
    named = {name.replace("_", "-"): value for name, value in headers.items()}
    return http.get("/graphql", params={"query": query}, headers=named)


async def test_a_public_get_is_kept_has_an_etag_and_answers_304_when_it_is_unchanged(seeded_db, client):
    # given
    first = await get(client, ORGANISATION)
    # when
    second = await get(client, ORGANISATION)
    unchanged = await get(client, ORGANISATION, if_none_match=second.headers["etag"])
    listed = await get(client, ORGANISATION, if_none_match=f'"other", W/{second.headers["etag"]}')
    # then
    assert (first.headers["x-kipnet-cache"], second.headers["x-kipnet-cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second.headers["etag"] == first.headers["etag"]
    assert second.headers["cache-control"] == "public, no-cache"
    assert second.headers["vary"] == "Accept, Accept-Language"
    assert "x-kipnet-stamp" not in second.headers
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert unchanged.headers["etag"] == first.headers["etag"]
    assert listed.status_code == 304


async def test_a_public_post_is_kept_too(seeded_db, client):
    # when
    first = await client.post("/graphql", json={"query": ORGANISATION})
    second = await client.post("/graphql", json={"query": ORGANISATION})
    # then
    assert (first.headers["x-kipnet-cache"], second.headers["x-kipnet-cache"]) == ("miss", "hit")
    assert (
        second.json()
        == first.json()
        == {
            "data": {"organisation": {"name": first.json()["data"]["organisation"]["name"], "acronym": "ald"}}
        }
    )


async def test_after_an_edit_the_next_answer_is_new_and_the_old_etag_no_longer_matches(
    seeded_db, client, settings
):
    # given: the answer is kept and the browser holds its ETag
    headers = await admin_headers(settings)
    await get(client, ORGANISATION)
    kept = await get(client, ORGANISATION)
    # when
    await rename_ald(client, headers, "Umbenannt")
    after = await get(client, ORGANISATION, if_none_match=kept.headers["etag"])
    # then
    assert after.status_code == 200
    assert after.json()["data"]["organisation"]["name"] == "Umbenannt"
    assert after.headers["x-kipnet-cache"] == "miss"
    assert after.headers["etag"] != kept.headers["etag"]


async def test_each_language_and_media_type_is_kept_apart(seeded_db, client):
    # when
    german = await get(client, ORGANISATION, accept_language="de")
    french = await get(client, ORGANISATION, accept_language="fr")
    spec = await get(client, ORGANISATION, accept_language="fr", accept="application/graphql-response+json")
    french_again = await get(client, ORGANISATION, accept_language="fr")
    # then
    assert german.json() != french.json()
    assert spec.headers["content-type"].startswith("application/graphql-response+json")
    assert french.headers["content-type"].startswith("application/json")
    assert [r.headers["x-kipnet-cache"] for r in (german, french, spec, french_again)] == [
        "miss",
        "miss",
        "miss",
        "hit",
    ]


async def test_signed_in_and_refused_answers_are_never_kept(seeded_db, client, settings):
    # given
    headers = await admin_headers(settings)
    # when
    private = [await get(client, ORGANISATION, authorization=headers["Authorization"]) for _ in range(2)]
    refused = [await get(client, INVALID) for _ in range(2)]
    # then
    for answer in (*private, *refused):
        assert "x-kipnet-cache" not in answer.headers
        assert "etag" not in answer.headers
        assert answer.headers["cache-control"] == "no-store"
        assert "x-kipnet-stamp" not in answer.headers
    assert refused[1].status_code == 200
    assert "errors" in refused[1].json()


@pytest.mark.parametrize("settings", [Settings(public_cache_mb=0)])
async def test_with_no_memory_for_it_nothing_is_kept(seeded_db, settings):
    # given
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as http:
        # when
        answers = [await get(http, ORGANISATION) for _ in range(2)]
    # then
    assert answers[0].json() == answers[1].json()
    assert all("etag" not in answer.headers for answer in answers)
    assert all(answer.headers["cache-control"] == "no-store" for answer in answers)


async def test_a_public_portal_page_runs_its_operations_from_the_kept_answers(
    seeded_db, client, settings, sql_statements
):
    # given: the page was shown once, then ald renamed
    headers = await admin_headers(settings)
    await client.get("/directory/ald")
    sql_statements.statements.clear()
    shown = await client.get("/directory/ald")
    # (on PostgreSQL each operation reads the data generation: that is the price of knowing it is fresh)
    statements_for_a_kept_page = [s for s in sql_statements.statements if "data_generation" not in s]
    # when
    await rename_ald(client, headers, "Neu benannt")
    after = await client.get("/directory/ald")
    # then
    assert shown.status_code == after.status_code == 200
    assert "Neu benannt" not in shown.text
    assert "Neu benannt" in after.text
    assert statements_for_a_kept_page == []
