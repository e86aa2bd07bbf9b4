"""Kept public answers across processes: after an edit on one worker (or by anyone writing the database),
no other worker serves the old directory, not even once."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.load import add_admin, login_token, query
from tests.served import ServedKipnet

ORGANISATION = '{ organisation(slug: "ald") { id name } }'
RENAME = """
mutation ($id: ID!, $name: String!) {
  updateOrganisation(input: {id: $id, name: {de: $name}}) { errors { code } }
}
"""
ROUNDS = 12


def ald(server: ServedKipnet) -> httpx.Response:
    return httpx.get(f"{server.url}/graphql", params={"query": ORGANISATION})


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_second_worker_never_serves_a_stale_directory_after_an_edit_on_the_first(
    seeded_database_url: str, tmp_path: Path
) -> None:
    # given two kipnet processes on one PostgreSQL database, and an admin signed in on the first
    add_admin(seeded_database_url)
    first = ServedKipnet(seeded_database_url, tmp_path / "first.log").start()
    second = ServedKipnet(seeded_database_url, tmp_path / "second.log").start()
    try:
        auth = {"Authorization": f"Bearer {login_token(first.url)}"}
        identifier = ald(first).json()["data"]["organisation"]["id"]
        seen: list[tuple[str, str, bool]] = []
        for round_number in range(ROUNDS):
            # given: the second worker keeps the answer (its second answer came from memory)
            ald(second)
            assert ald(second).headers["x-kipnet-cache"] == "hit"
            httpx.get(f"{second.url}/directory/ald")
            # when: the first worker renames the organisation, and the second is asked at once
            name = f"Ausländerdienst, Runde {round_number}"
            edited = httpx.post(
                f"{first.url}/graphql",
                json={"query": RENAME, "variables": {"id": identifier, "name": name}},
                headers=auth,
            )
            assert edited.json() == {"data": {"updateOrganisation": {"errors": []}}}
            answer = ald(second)
            page = httpx.get(f"{second.url}/directory/ald")
            seen.append((answer.json()["data"]["organisation"]["name"], name, name in page.text))
        # then: every answer and every page after an edit was the new one
        assert seen == [(name, name, True) for _, name, _ in seen]
    finally:
        first.stop()
        second.stop()


def test_a_write_by_another_program_is_seen_at_once(seeded_database_url: str, tmp_path: Path) -> None:
    # given a served kipnet that keeps the answer
    server = ServedKipnet(seeded_database_url, tmp_path / "server.log").start()
    try:
        ald(server)
        kept = ald(server)
        # when an operator changes the database with its own tool
        query(
            seeded_database_url, "UPDATE organisation SET name = '{\"de\": \"Von Hand\"}' WHERE slug = 'ald'"
        )
        after = ald(server)
        # then
        assert kept.headers["x-kipnet-cache"] == "hit"
        assert after.json()["data"]["organisation"]["name"] == "Von Hand"
        assert after.headers["x-kipnet-cache"] == "miss"
    finally:
        server.stop()
