"""The staff queue and the applicant's list cost as many SQL statements for a full page as for a few rows."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import StatementCounter
from tests.factories import PASSWORD
from tests.server.test_portal_staff import APPLICANT, APPROVER, QUEUE, application, references, staff_and_call
from tests.web.portal import sign_in

pytestmark = pytest.mark.postgres


async def statements_for(client: httpx.AsyncClient, sql: StatementCounter, path: str) -> tuple[int, str]:
    """How many SQL statements answering `path` takes, and the page."""
    before = len(sql.statements)
    response = await client.get(path)
    assert response.status_code == 200
    return len(sql.statements) - before, response.text


async def test_the_queue_needs_as_many_statements_for_20_applications_as_for_3(
    seeded_db: str, client: httpx.AsyncClient, sql_statements: StatementCounter
) -> None:
    # given three submitted applications and a signed-in approver
    call = await staff_and_call()
    for index in range(3):
        await application(call, f"Projekt {index:02}")
    await sign_in(client, APPROVER, PASSWORD)
    small, small_page = await statements_for(client, sql_statements, QUEUE)
    # when seventeen more are submitted
    for index in range(3, 20):
        await application(call, f"Projekt {index:02}")
    large, large_page = await statements_for(client, sql_statements, QUEUE)
    # then the page lists them all for the same number of statements
    assert (len(references(small_page)), len(references(large_page))) == (3, 20)
    assert large == small


async def test_the_applicants_list_needs_as_many_statements_for_20_applications_as_for_3(
    seeded_db: str, client: httpx.AsyncClient, sql_statements: StatementCounter
) -> None:
    # given three of the organisation's applications and its signed-in applicant
    call = await staff_and_call()
    for index in range(3):
        await application(call, f"Projekt {index:02}", submit=index % 2 == 0)
    await sign_in(client, APPLICANT, PASSWORD)
    small, small_page = await statements_for(client, sql_statements, "/applications")
    # when seventeen more are written
    for index in range(3, 20):
        await application(call, f"Projekt {index:02}", submit=index % 2 == 0)
    large, large_page = await statements_for(client, sql_statements, "/applications")
    # then the list shows them all (a page of 20) for the same number of statements
    assert (small_page.count("Projekt "), large_page.count("Projekt ")) == (3, 20)
    assert large == small
