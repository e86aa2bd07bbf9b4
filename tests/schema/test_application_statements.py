"""How many SQL statements a draft costs: the writes hot path, counted statement by statement."""

from __future__ import annotations

import re
from typing import Any

from grants.models import Application, FundingCall, Role
from schema.base.node import to_global_id
from tests import factories
from tests.conftest import StatementCounter
from tests.factories import NOW
from tests.schema.graphql import ok

CREATE = """
mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { reference status version } errors { field code } }
}
"""
UPDATE = """
mutation ($input: UpdateApplicationInput!) {
  updateApplication(input: $input) { application { version } errors { field code } }
}
"""
PARTS: dict[str, Any] = {
    "fundingArea": "KIP3_LANGUAGE",
    "budgetLines": [
        {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "30000.00"}},
        {"category": "PREMISES", "description": "Raummiete", "amount": {"amount": "12000.00"}},
    ],
    "municipalities": ["pratteln", "liestal"],
    "targets": [{"indicator": "PARTICIPANTS", "value": 60}],
}


def new_draft(funding_call: FundingCall) -> dict[str, Any]:
    """A complete createApplication input under `funding_call` with every part."""
    return PARTS | {
        "call": str(to_global_id("FundingCall", funding_call.id)),
        "title": "Deutsch im Quartier",
        "projectStart": "2026-08-01",
        "projectEnd": "2027-07-31",
        "ownContribution": {"amount": "5000.00"},
        "requestedAmount": {"amount": "37000.00"},
    }


def verbs_and_tables(counter: StatementCounter) -> list[str]:
    """Each statement as its verb and its first table: "SELECT funding_call", "INSERT application"."""
    shown = []
    for statement in counter.statements:
        table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', statement)
        shown.append(f"{statement.split()[0].upper()} {table.group(1) if table else '?'}")
    return shown


async def test_a_complete_draft_is_created_with_ten_statements(seeded_db, sql_statements):
    # given: an applicant and an open call
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    sql_statements.statements.clear()
    # when: it creates a draft with two budget lines, two municipalities and a target
    made = (await ok(CREATE, {"input": new_draft(funding_call)}, actor=lead, now=NOW))["createApplication"]
    # then: four lookups, the reference in one upsert, and one insert per table written
    assert made == {
        "application": {"reference": "KIP-2026-0001", "status": "DRAFT", "version": 1},
        "errors": [],
    }
    assert verbs_and_tables(sql_statements) == [
        "SELECT funding_call",
        "SELECT funding_area",
        "SELECT organisation",
        "SELECT indicator",
        "INSERT counter",
        "INSERT application",
        "INSERT budget_line",
        "INSERT application_municipality",
        "INSERT application_event",
        "INSERT audit_record",
    ]


async def test_replacing_a_drafts_parts_clears_and_inserts_each_once(seeded_db, sql_statements):
    # given: a draft
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    await ok(CREATE, {"input": new_draft(funding_call)}, actor=lead, now=NOW)
    application = await Application.get(reference="KIP-2026-0001")
    sql_statements.statements.clear()
    # when: it replaces the lines, the places and the targets
    changed = await ok(
        UPDATE,
        {"input": PARTS | {"id": str(to_global_id("Application", application.id)), "version": 1}},
        actor=lead,
        now=NOW,
    )
    # then: the old lines and links go and the new come in, with no question which exist
    assert changed == {"updateApplication": {"application": {"version": 2}, "errors": []}}
    assert verbs_and_tables(sql_statements) == [
        "SELECT application",
        "SELECT funding_area",
        "SELECT organisation",
        "SELECT indicator",
        "UPDATE application",
        "DELETE budget_line",
        "INSERT budget_line",
        "DELETE application_municipality",
        "INSERT application_municipality",
        "INSERT application_event",
        "INSERT audit_record",
        "SELECT application",
    ]
