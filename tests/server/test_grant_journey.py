"""An application's journey over HTTP, as its people would make it, with real logins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from grants.mailer import deliver_due
from grants.models import (
    Application,
    ApplicationEvent,
    AuditRecord,
    FundingCall,
    OutboxMessage,
    PaymentTranche,
    Role,
)
from grants.storage.local import LocalStore
from server.app import create_app
from server.settings import DEVELOPMENT_PUBLIC_URL, DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.grants.test_letters import read_back
from tests.mail import smtp

LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token errors { code } } }"
CALL = """
mutation ($input: CreateFundingCallInput!) {
  createFundingCall(input: $input) { call { id reference status budget { amount } remaining { amount } criteria { code weight } } errors { field code message } }
}
"""
CREATE = """
mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id reference status version totalCost { amount } } errors { field code message } }
}
"""
UPDATE = """
mutation ($input: UpdateApplicationInput!) {
  updateApplication(input: $input) { application { version requestedAmount { amount } } errors { field code message } }
}
"""
ACT = """
mutation ($id: ID!, $m: String) {
  submit: submitApplication(input: {id: $id, message: $m}) { application { status } errors { field code message } }
}
"""
START = "mutation ($id: ID!) { startReview(input: {id: $id}) { application { status } errors { code } } }"
REVIEW = """
mutation ($input: SubmitReviewInput!) {
  submitReview(input: $input) { review { weightedScore scores { criterion { code } score } } errors { field code message } }
}
"""
DECIDE = """
mutation ($input: DecideApplicationInput!) {
  decideApplication(input: $input) {
    application { status award { amount { amount } tranches { amount { amount } dueOn } } }
    errors { field code message }
  }
}
"""
READ = """
query ($ref: String!) {
  application(reference: $ref) {
    reference status
    reviews { weightedScore }
    events { totalCount edges { node { kind fromStatus toStatus actor { email } } } }
    viewerCan { edit submit withdraw review decide }
  }
}
"""
LETTER = """
query ($ref: String!) {
  application(reference: $ref) { decisionLetter { kind filename contentType downloadUrl } documents { id } }
}
"""
NODE = "query ($id: ID!) { node(id: $id) { id ... on Application { reference } } }"
LIST = "{ applications(first: 10) { totalCount edges { node { reference } } } }"
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
__all__ = ["smtp"]  # the fixture, used by name


class Person:
    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http, self.token = http, token

    async def gql(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        body: dict[str, Any] = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


@pytest.fixture
async def http(tmp_path):
    # the journey happens on a fixed day inside the call's window
    store = LocalStore(tmp_path / "documents")
    app = create_app(Settings(), manage_database=False, clock=lambda: NOW, store=store)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as client:
        yield client


async def snapshot() -> tuple[object, ...]:
    """Everything a refused action must leave as it was."""
    return (
        [(a.id, a.status, a.version, a.title) for a in await Application.all().order_by("id")],
        [c.committed_cents for c in await FundingCall.all().order_by("id")],
        await AuditRecord.all().count(),
        await ApplicationEvent.all().count(),
        await OutboxMessage.all().count(),
        [t.paid_on for t in await PaymentTranche.all().order_by("id")],
    )


async def person(http: httpx.AsyncClient, role: Role, email: str, organisation: str | None = None) -> Person:
    await factories.user(role, email=email, organisation=organisation)
    response = await http.post(
        "/graphql", json={"query": LOGIN, "variables": {"e": email, "p": factories.PASSWORD}}
    )
    return Person(http, response.json()["data"]["login"]["token"])


async def test_draft_fix_submit_review_four_eyes_approve(seeded_db, http, smtp):
    # given: the people of the programme, logged in
    admin = await person(http, Role.ADMIN, "admin@example.org")
    await factories.organisation("verein-a")
    await factories.bank_account("verein-a")
    await factories.organisation("verein-b")
    lead = await person(http, Role.APPLICANT, "lead@verein-a.example.org", "verein-a")
    stranger = await person(http, Role.APPLICANT, "lead@verein-b.example.org", "verein-b")
    reviewer = await person(http, Role.REVIEWER, "rita@example.org")
    approver = await person(http, Role.APPROVER, "anna@example.org")
    other_approver = await person(http, Role.APPROVER, "otto@example.org")

    # the admin opens a call
    made = await admin.gql(
        CALL,
        input={
            "programme": "KIP3",
            "title": "Deutsch im Alltag",
            "fundingAreas": ["KIP3_LANGUAGE"],
            "opensAt": "2026-03-01T00:00:00Z",
            "closesAt": "2026-06-30T00:00:00Z",
            "budget": {"amount": "100000.00"},
            "maxAmountPerApplication": {"amount": "50000.00"},
            "criteria": [
                {"code": "RELEVANCE", "name": "Relevanz", "weight": 2},
                {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1},
            ],
        },
    )
    call = made["createFundingCall"]["call"]
    assert made["createFundingCall"]["errors"] == []
    assert (call["status"], call["budget"], call["remaining"]) == (
        "OPEN",
        {"amount": "100000.00"},
        {"amount": "100000.00"},
    )

    # the applicant drafts with a wrong requested amount and no budget lines
    draft = (
        await lead.gql(
            CREATE,
            input={
                "call": call["id"],
                "title": "Deutsch im Quartier",
                "fundingArea": "KIP3_LANGUAGE",
                "projectStart": "2026-08-01",
                "projectEnd": "2027-07-31",
                "budgetLines": [],
                "ownContribution": {"amount": "5000.00"},
                "requestedAmount": {"amount": "40000.00"},
                "municipalities": ["pratteln", "ald"],
                "languages": ["de", "ti"],
            },
        )
    )["createApplication"]
    assert draft["errors"] == []
    application = draft["application"]
    assert (application["reference"], application["status"], application["version"]) == (
        "KIP-2026-0001",
        "DRAFT",
        1,
    )

    # submitting fails with every problem and its field path
    before = await snapshot()
    failed = (await lead.gql(ACT, id=application["id"]))["submit"]
    assert failed == {
        "application": None,
        "errors": [
            {
                "field": ["input", "budgetLines"],
                "code": "INVALID",
                "message": "The budget needs at least one line",
            },
            {
                "field": ["input", "requestedAmount", "amount"],
                "code": "INVALID",
                "message": "The requested amount must be total cost − own contribution − third-party funding = -5000.00",
            },
            {
                "field": ["input", "municipalities", "0"],
                "code": "INVALID",
                "message": "'ald' is not a municipality",
            },
        ],
    }
    assert await snapshot() == before  # the refusal changed nothing

    # the applicant fixes it at the version seen, and submits
    fixed = (
        await lead.gql(
            UPDATE,
            input={
                "id": application["id"],
                "version": 1,
                "municipalities": ["pratteln"],
                "budgetLines": [
                    {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "45000.00"}}
                ],
            },
        )
    )["updateApplication"]
    assert fixed == {"application": {"version": 2, "requestedAmount": {"amount": "40000.00"}}, "errors": []}
    assert (await lead.gql(ACT, id=application["id"]))["submit"] == {
        "application": {"status": "SUBMITTED"},
        "errors": [],
    }

    # another organisation's applicant can neither read nor change it
    ref = application["reference"]
    assert await stranger.gql(READ, ref=ref) == {"application": None}
    assert await stranger.gql(NODE, id=application["id"]) == {"node": None}
    assert (await stranger.gql(LIST))["applications"] == {"totalCount": 0, "edges": []}
    before = await snapshot()
    refused = (await stranger.gql(UPDATE, input={"id": application["id"], "version": 3, "title": "Meins"}))[
        "updateApplication"
    ]
    assert refused == {
        "application": None,
        "errors": [{"field": ["input", "id"], "code": "NOT_FOUND", "message": "No such application"}],
    }
    assert await snapshot() == before  # the refusal changed nothing

    # a reviewer takes it into review and scores it; the reviewer cannot decide
    assert (await reviewer.gql(START, id=application["id"]))["startReview"] == {
        "application": {"status": "IN_REVIEW"},
        "errors": [],
    }
    scored = (
        await reviewer.gql(
            REVIEW,
            input={
                "application": application["id"],
                "recommendation": "APPROVE",
                "scores": [{"criterion": "RELEVANCE", "score": 5}, {"criterion": "FEASIBILITY", "score": 2}],
            },
        )
    )["submitReview"]
    assert scored == {
        "review": {
            "weightedScore": 4.0,
            "scores": [
                {"criterion": {"code": "RELEVANCE"}, "score": 5},
                {"criterion": {"code": "FEASIBILITY"}, "score": 2},
            ],
        },
        "errors": [],
    }
    approve = {"application": application["id"], "decision": "APPROVE", "amount": {"amount": "38000.00"}}
    before = await snapshot()
    assert (await reviewer.gql(DECIDE, input=approve))["decideApplication"]["errors"] == [
        {"field": [], "code": "FORBIDDEN", "message": "You are not allowed to do this"}
    ]
    assert await snapshot() == before  # the refusal changed nothing
    # an approver who reviewed cannot decide (four eyes)
    await approver.gql(
        REVIEW,
        input={
            "application": application["id"],
            "recommendation": "APPROVE",
            "scores": [{"criterion": "RELEVANCE", "score": 4}, {"criterion": "FEASIBILITY", "score": 4}],
        },
    )
    before = await snapshot()
    assert (await approver.gql(DECIDE, input=approve))["decideApplication"]["errors"] == [
        {
            "field": [],
            "code": "FORBIDDEN",
            "message": "Four eyes: you reviewed this application, another approver decides",
        }
    ]
    assert await snapshot() == before  # the refusal changed nothing
    audit_before = await AuditRecord.all().count()
    assert (await other_approver.gql(READ, ref=ref))["application"]["viewerCan"] == {
        "edit": False,
        "submit": False,
        "withdraw": False,
        "review": True,  # approvers may review, and then leave the decision to another
        "decide": True,
    }
    # another approver approves within budget
    decided = (await other_approver.gql(DECIDE, input=approve))["decideApplication"]
    assert decided == {
        "application": {
            "status": "APPROVED",
            "award": {
                "amount": {"amount": "38000.00"},
                "tranches": [
                    {"amount": {"amount": "30400.00"}, "dueOn": "2026-08-01"},
                    {"amount": {"amount": "7600.00"}, "dueOn": "2027-07-31"},
                ],
            },
        },
        "errors": [],
    }
    assert await AuditRecord.all().count() == audit_before + 3  # the move, the award and the letter
    # the decision letter is kept with it: a PDF the lead downloads, not among the attached documents
    kept = (await lead.gql(LETTER, ref=ref))["application"]
    letter = kept["decisionLetter"]
    assert {key: letter[key] for key in ("kind", "filename", "contentType")} == {
        "kind": "DECISION_LETTER",
        "filename": f"Verfügung {ref}.pdf",
        "contentType": "application/pdf",
    }
    assert kept["documents"] == []
    path = letter["downloadUrl"].removeprefix(DEVELOPMENT_PUBLIC_URL)
    pdf = await http.get(path, headers={"Authorization": f"Bearer {lead.token}"})
    assert (pdf.status_code, pdf.headers["content-type"]) == (200, "application/pdf")
    text, _ = read_back(pdf.content)
    assert f"Referenz: {ref}" in text
    assert "CHF 38’000.00" in text
    assert (await http.get(path, headers={"Authorization": f"Bearer {stranger.token}"})).status_code == 404

    # staff see the whole trail with its actors; the applicant sees it without the reviews
    staff_view = (await other_approver.gql(READ, ref=ref))["application"]
    assert [(e["node"]["kind"], e["node"]["actor"]["email"]) for e in staff_view["events"]["edges"]] == [
        ("CREATED", "lead@verein-a.example.org"),
        ("EDITED", "lead@verein-a.example.org"),
        ("TRANSITION:SUBMIT", "lead@verein-a.example.org"),
        ("TRANSITION:START_REVIEW", "rita@example.org"),
        ("REVIEW_SUBMITTED", "rita@example.org"),
        ("REVIEW_SUBMITTED", "anna@example.org"),
        ("TRANSITION:APPROVE", "otto@example.org"),
        ("AWARD", "otto@example.org"),
    ]
    assert [r["weightedScore"] for r in staff_view["reviews"]] == [4.0, 4.0]
    own_view = (await lead.gql(READ, ref=ref))["application"]
    assert own_view["reviews"] == []
    assert own_view["events"]["totalCount"] == 6
    assert not any(e["node"]["kind"].startswith("REVIEW") for e in own_view["events"]["edges"])
    # the applicant sees its own people, not the programme office's (staff actors are null)
    assert [e["node"]["actor"] for e in own_view["events"]["edges"]] == [
        {"email": "lead@verein-a.example.org"},
        {"email": "lead@verein-a.example.org"},
        {"email": "lead@verein-a.example.org"},
        None,
        None,
        None,
    ]

    # after the award: first tranche paid, final report sent back then accepted, last tranche, close
    pay = "mutation ($input: MarkTranchePaidInput!) { markTranchePaid(input: $input) { application { status } errors { field code message } } }"
    report = """mutation ($input: SubmitProjectReportInput!) {
      submitProjectReport(input: $input) { report { id kind status actuals { indicator { code } value } } errors { field code message } } }"""
    accept = "mutation ($id: ID!) { acceptProjectReport(input: {report: $id}) { report { status } errors { code message } } }"
    send_back = "mutation ($id: ID!, $m: String) { returnProjectReport(input: {report: $id, message: $m}) { report { status message } errors { code } } }"
    close = "mutation ($id: ID!) { closeApplication(input: {id: $id}) { application { status } errors { code message } } }"
    app_id = application["id"]
    assert (
        await other_approver.gql(pay, input={"application": app_id, "tranche": 0, "paidOn": "2026-08-03"})
    )["markTranchePaid"] == {"application": {"status": "APPROVED"}, "errors": []}
    before = await snapshot()
    early = (
        await other_approver.gql(pay, input={"application": app_id, "tranche": 1, "paidOn": "2027-08-01"})
    )["markTranchePaid"]
    assert early["errors"] == [
        {
            "field": ["input", "tranche"],
            "code": "INVALID_TRANSITION",
            "message": "The last tranche is released by an accepted final report",
        }
    ]
    assert await snapshot() == before  # the refusal changed nothing
    final = {
        "application": app_id,
        "kind": "FINAL",
        "narrative": "64 Teilnehmende in 4 Kursen",
        "actuals": [{"indicator": "PARTICIPANTS", "value": 64}],
    }
    first_report = (await lead.gql(report, input=final))["submitProjectReport"]["report"]
    assert (first_report["kind"], first_report["status"]) == ("FINAL", "SUBMITTED")
    returned = (await other_approver.gql(send_back, id=first_report["id"], m="Bitte Kursplätze angeben"))[
        "returnProjectReport"
    ]
    assert returned == {"report": {"status": "RETURNED", "message": "Bitte Kursplätze angeben"}, "errors": []}
    final["actuals"].append({"indicator": "LANGUAGE_COURSE_PLACES", "value": 48})
    second_report = (await lead.gql(report, input=final))["submitProjectReport"]["report"]
    assert (await other_approver.gql(accept, id=second_report["id"]))["acceptProjectReport"] == {
        "report": {"status": "ACCEPTED"},
        "errors": [],
    }
    await other_approver.gql(pay, input={"application": app_id, "tranche": 1, "paidOn": "2027-08-01"})
    before = await snapshot()
    assert (await lead.gql(close, id=app_id))["closeApplication"]["errors"] == [
        {"code": "FORBIDDEN", "message": "You are not allowed to do this"}
    ]
    assert await snapshot() == before  # the refusal changed nothing
    assert (await other_approver.gql(close, id=app_id))["closeApplication"] == {
        "application": {"status": "CLOSED"},
        "errors": [],
    }
    trail = (await lead.gql(READ, ref=ref))["application"]["events"]["edges"]
    assert [e["node"]["kind"] for e in trail][6:] == [
        "TRANCHE_PAID",
        "REPORT_SUBMITTED:FINAL",
        "REPORT_RETURNED:FINAL",
        "REPORT_SUBMITTED:FINAL",
        "REPORT_ACCEPTED:FINAL",
        "TRANCHE_PAID",
        "TRANSITION:CLOSE",
    ]

    # and everybody concerned was told, by mail
    inbox, target = smtp
    delivered = await deliver_due(target=target, now=NOW, secret=DEVELOPMENT_SECRET)
    assert (delivered.sent, delivered.retried, delivered.failed) == (11, 0, 0)
    assert sorted((m["To"], m["Subject"]) for m in inbox.messages) == [
        ("anna@example.org", "Neues Gesuch KIP-2026-0001"),
        ("lead@verein-a.example.org", "Bericht angenommen: KIP-2026-0001"),
        ("lead@verein-a.example.org", "Bericht zurückgewiesen: KIP-2026-0001"),
        ("lead@verein-a.example.org", "Eingangsbestätigung KIP-2026-0001"),
        ("lead@verein-a.example.org", "Entscheid zu Ihrem Gesuch KIP-2026-0001: bewilligt"),
        ("lead@verein-a.example.org", "Ihr Gesuch KIP-2026-0001 wird beurteilt"),
        ("lead@verein-a.example.org", "Projekt abgeschlossen: KIP-2026-0001"),
        ("lead@verein-a.example.org", "Zahlung zu Ihrem Projekt KIP-2026-0001"),
        ("lead@verein-a.example.org", "Zahlung zu Ihrem Projekt KIP-2026-0001"),
        ("otto@example.org", "Neues Gesuch KIP-2026-0001"),
        ("rita@example.org", "Neues Gesuch KIP-2026-0001"),
    ]
    # each mail is multipart/alternative: the plain text part holds the words
    texts = [
        m.get_body(preferencelist=("plain",)) for m in inbox.messages if m["Subject"].startswith("Zahlung")
    ]
    paid = [text.get_content() for text in texts if text is not None]
    assert sorted(line for body in paid for line in body.splitlines() if "CHF" in line) == [
        "Für das Projekt KIP-2026-0001 «Deutsch im Quartier» ist eine Tranche ausbezahlt worden: "
        "CHF 30400.00 am 03.08.2026.",
        "Für das Projekt KIP-2026-0001 «Deutsch im Quartier» ist eine Tranche ausbezahlt worden: "
        "CHF 7600.00 am 01.08.2027.",
    ]
