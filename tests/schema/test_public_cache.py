"""Public answers kept by the schema: asked again, served without running; never stale, never private."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from grants.freshness import Freshness
from grants.models import Role, User
from schema import SchemaOptions, build_schema
from schema.base.public_cache import PublicResults
from schema.context import Context
from tests import factories
from tests.schema.graphql import SECRET

ORGANISATION = "query ($slug: String!) { organisation(slug: $slug) { name acronym } }"
RENAME = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { name } errors { field message code } }
}
"""
CALLS = "{ fundingCalls { reference status } }"
BROKEN = "{ organisation(slug: 1) { name } }"
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


class Harness:
    """A schema with its own public cache, run as a given actor at a given time."""

    def __init__(self) -> None:
        self.freshness = Freshness()
        self.results = PublicResults(self.freshness, max_bytes=1_000_000)
        self.schema = build_schema(SchemaOptions(public_results=self.results))

    async def run(
        self,
        document: str,
        variables: dict[str, Any] | None = None,
        *,
        actor: User | None = None,
        token: str | None = None,
        languages: tuple[str, ...] = (),
        now: datetime = NOW,
    ) -> tuple[Any, Context]:
        context = Context(
            actor=actor, bearer_token=token, languages=languages, secret=SECRET, clock=lambda: now
        )
        result = await self.schema.execute(document, variable_values=variables, context_value=context)
        return (result.data, result.errors), context


async def test_a_public_question_asked_again_is_answered_from_memory(seeded_db, sql_statements):
    # given
    harness = Harness()
    (first, errors), context = await harness.run(ORGANISATION, {"slug": "ald"})
    sql_statements.statements.clear()
    # when
    (second, _), _ = await harness.run(ORGANISATION, {"slug": "ald"})
    # then
    assert errors is None
    assert second == first
    assert harness.results.cache.hits == 1
    assert [s for s in sql_statements.statements if "organisation" in s] == []
    assert context.response_headers["cache-control"] == "public, no-cache"
    harness.freshness.close()


async def test_after_a_write_the_next_public_answer_is_the_new_one(seeded_db):
    # given: the answer is kept
    harness = Harness()
    admin = await factories.user(Role.ADMIN)
    (found, _), _ = await harness.run('{ organisation(slug: "ald") { id } }', actor=admin, token="t")
    await harness.run(ORGANISATION, {"slug": "ald"})
    # when: an admin renames it (through the same schema)
    (renamed, _), _ = await harness.run(
        RENAME,
        {"input": {"id": found["organisation"]["id"], "name": {"de": "Neuer Name"}}},
        actor=admin,
        token="t",
    )
    (after, _), _ = await harness.run(ORGANISATION, {"slug": "ald"})
    # then
    assert renamed["updateOrganisation"]["errors"] == []
    assert after["organisation"]["name"] == "Neuer Name"
    harness.freshness.close()


async def test_signed_in_answers_and_mutations_and_errors_are_never_kept(seeded_db):
    # given
    harness = Harness()
    reviewer = await factories.user(Role.REVIEWER)
    # when
    await harness.run(ORGANISATION, {"slug": "ald"}, actor=reviewer, token="t")
    await harness.run(ORGANISATION, {"slug": "ald"}, token="not-a-valid-token")
    (_, errors), context = await harness.run(BROKEN)
    await harness.run(RENAME, {"input": {"id": "Organisation:1", "acronym": "X"}})
    # then
    assert errors
    assert len(harness.results.cache) == 0
    assert "cache-control" not in context.response_headers
    harness.freshness.close()


async def test_each_language_and_each_variable_is_its_own_answer(seeded_db):
    # given
    harness = Harness()
    # when
    (german, _), _ = await harness.run(ORGANISATION, {"slug": "ald"}, languages=("de",))
    (french, _), _ = await harness.run(ORGANISATION, {"slug": "ald"}, languages=("fr",))
    (sem, _), _ = await harness.run(ORGANISATION, {"slug": "sem"}, languages=("de",))
    (german_again, _), _ = await harness.run(ORGANISATION, {"slug": "ald"}, languages=("de",))
    # then
    assert german["organisation"]["name"] != french["organisation"]["name"]
    assert sem["organisation"]["acronym"] == "SEM"
    assert german_again == german
    assert (len(harness.results.cache), harness.results.cache.hits) == (3, 1)
    harness.freshness.close()


async def test_a_call_opening_changes_the_answer_without_any_write(seeded_db):
    # given: a call opening on 1 March 2026, asked about the second before
    harness = Harness()
    call = await factories.call()
    opens = call.opens_at
    (before, _), _ = await harness.run(CALLS, now=opens - timedelta(seconds=1))
    # when
    (after, _), _ = await harness.run(CALLS, now=opens)
    # then
    assert [c["status"] for c in before["fundingCalls"] if c["reference"] == call.reference] == ["UPCOMING"]
    assert [c["status"] for c in after["fundingCalls"] if c["reference"] == call.reference] == ["OPEN"]
    harness.freshness.close()


async def test_a_caller_changing_its_answer_does_not_change_the_next_callers(seeded_db):
    # given
    harness = Harness()
    (first, _), _ = await harness.run(ORGANISATION, {"slug": "ald"})
    await harness.run(ORGANISATION, {"slug": "ald"})
    (served, _), _ = await harness.run(ORGANISATION, {"slug": "ald"})
    # when
    served["organisation"]["name"] = "scribbled over"
    (next_one, _), _ = await harness.run(ORGANISATION, {"slug": "ald"})
    # then
    assert next_one == first
    harness.freshness.close()
