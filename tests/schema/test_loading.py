"""Resolvers wait only when they must: loaded values come at once, and list pages load what they show first."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest
from graphql import GraphQLObjectType

from grants.applications import create_application
from grants.models import Application as ApplicationRow
from grants.models import Role
from grants.submission import submit_application
from schema.applications import types as application_types
from schema.applications.prefetch import PREFETCHED
from schema.base.loading import then
from schema.context import Context, Loaders
from schema.directory import types as directory_types
from tests import factories
from tests.factories import PUBLIC_URL
from tests.schema.graphql import SCHEMA, ok, run

#: The directory page of the benchmark: every nested list and the services' funding areas.
DIRECTORY_PAGE = """{ organisations(first: 50) { edges { node { slug name municipality { bfsNumber }
    services { totalCount edges { node { name fundingArea { code } } } }
    relationships { totalCount edges { node { kind } } } } } } }"""
#: The same asked through a fragment and under aliases.
DIRECTORY_PAGE_IN_FRAGMENTS = """{ organisations(first: 50) { edges { node { ...Partner } } } }
fragment Partner on Organisation { slug offers: services { edges { node { ... on Service {
    area: fundingArea { code } } } } } relationships { edges { node { kind } } } }"""
#: The staff queue's page of applications.
STAFF_QUEUE = """{ applications(first: 20) { edges { node { reference applicant { name } call { reference }
    fundingArea { code } totalCount: totalCost { amount } budgetLines { amount { amount } } events { totalCount }
    reports { kind } award { conditions } municipalities { slug } } } } }"""


def watch_waits(monkeypatch: pytest.MonkeyPatch, *modules: Any) -> list[object]:
    """Every value the resolvers of `modules` had to wait for (a load not done when asked)."""
    waited: list[object] = []

    def watching(loaded: Any, convert: Any) -> Any:
        if not (isinstance(loaded, asyncio.Future) and loaded.done()):
            waited.append(loaded)
        return then(loaded, convert)

    for module in modules:
        monkeypatch.setattr(module, "then", watching)
    return waited


async def test_then_gives_a_loaded_value_at_once_and_an_awaitable_otherwise() -> None:
    # given a future that holds its value and one that does not yet
    loop = asyncio.get_running_loop()
    loaded, pending = loop.create_future(), loop.create_future()
    loaded.set_result(20)
    # when both are converted
    at_once = then(loaded, lambda value: value + 1)
    later = then(pending, lambda value: value + 1)
    pending.set_result(40)
    # then the first is the value itself and the second an awaitable of it
    assert at_once == 21
    assert inspect.isawaitable(later)
    assert await later == 41


async def test_then_raises_the_loaders_error_as_awaiting_would() -> None:
    # given a load that failed
    failed = asyncio.get_running_loop().create_future()
    failed.set_exception(LookupError("gone"))
    # when it is converted, then its error is raised
    with pytest.raises(LookupError, match="gone"):
        then(failed, lambda value: value)


@pytest.mark.postgres
@pytest.mark.parametrize("document", [DIRECTORY_PAGE, DIRECTORY_PAGE_IN_FRAGMENTS])
async def test_a_page_of_organisations_resolves_its_nested_fields_without_waiting(
    seeded_db: str, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    # given resolvers that report every load they would have to wait for
    waited = watch_waits(monkeypatch, directory_types)
    # when a page of organisations is asked with services, their areas, relationships and profiles
    data = await ok(document)
    # then every nested field found its rows loaded by the list
    assert len(data["organisations"]["edges"]) == 50
    assert waited == []


@pytest.mark.postgres
async def test_a_page_of_applications_resolves_its_nested_fields_without_waiting(
    seeded_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given two submitted applications, and an approver
    funding_call = await factories.call()
    applicant = await factories.user(Role.APPLICANT, organisation="ald")
    for _ in range(2):
        draft = await create_application(
            actor=applicant, values=factories.application_values(funding_call), now=factories.NOW
        )
        await submit_application(
            actor=applicant, application_id=draft.id, message=None, now=factories.NOW, public_url=PUBLIC_URL
        )
    approver = await factories.user(Role.APPROVER)
    waited = watch_waits(monkeypatch, application_types)
    # when the approver asks for the page with what the staff queue shows and more
    data, errors = await run(STAFF_QUEUE, actor=approver)
    assert errors == []
    assert data is not None
    # then each application's nested fields found their rows loaded by the list
    assert len(data["applications"]["edges"]) == 2
    assert waited == []


@pytest.mark.postgres
async def test_a_page_asking_for_no_nested_list_loads_none(seeded_db: str, sql_statements: Any) -> None:
    # when a page of organisations is asked with their own fields only
    data = await ok("{ organisations(first: 50) { edges { node { slug name address { locality } } } } }")
    # then its rows are all that was read (no totalCount asked, none counted)
    assert len(data["organisations"]["edges"]) == 50
    assert len(sql_statements.statements) == 1, sql_statements.statements


def test_every_prefetched_field_names_a_field_a_loader_and_a_key() -> None:
    # given the GraphQL type of an application and a request's loaders
    application = SCHEMA._schema.type_map["Application"]
    assert isinstance(application, GraphQLObjectType)
    loaders = Loaders()
    # then each line of the prefetch table names one of each
    for field, loader, key in PREFETCHED:
        assert field in application.fields
        assert hasattr(loaders, loader)
        assert key.removesuffix("_id") in ApplicationRow._meta.fields_map  # "call_id" of "call"


def test_a_request_makes_only_the_loaders_it_uses() -> None:
    # given a fresh context
    context = Context()
    # when one loader is asked for twice
    first, again = context.loaders.organisation, context.loaders.organisation
    # then it is one loader, and no other was made
    assert first is again
    assert set(vars(context.loaders)) == {"organisation"}
