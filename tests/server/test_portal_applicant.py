"""The applicant's pages over HTTP, as an NGO's project lead uses them; staff act through the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from grants.models import Role
from schema.base.node import to_global_id
from server.app import create_app
from server.settings import Settings
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

#: The day everything happens: inside the test call's window (March to June 2026).
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
READ = """
query ($ref: String!) {
  application(reference: $ref) {
    id title status version summary projectStart projectEnd languages
    municipalities { slug }
    budgetLines { category description amount { amount } }
    ownContribution { amount } thirdPartyFunding { amount } requestedAmount { amount }
    reports { kind status actuals { indicator { code } value } }
    targets { indicator { code } value }
  }
}
"""
START_REVIEW = "mutation ($id: ID!) { startReview(input: {id: $id}) { errors { code } } }"
REQUEST_CHANGES = (
    "mutation ($id: ID!, $m: String) { requestChanges(input: {id: $id, message: $m}) { errors { code } } }"
)
REVIEW = """
mutation ($id: ID!) {
  submitReview(input: {application: $id, recommendation: APPROVE,
    scores: [{criterion: "RELEVANCE", score: 5}, {criterion: "FEASIBILITY", score: 4}]}) { errors { code } }
}
"""
APPROVE = """
mutation ($id: ID!) {
  decideApplication(input: {application: $id, decision: APPROVE, amount: {amount: "30000.00"},
    conditions: "Zwischenbericht nach sechs Monaten"}) { errors { code message } }
}
"""
PAY = """
mutation ($id: ID!) {
  markTranchePaid(input: {application: $id, tranche: 0, paidOn: "2026-08-03"}) { errors { code message } }
}
"""
PROJECT = {
    "title": "Deutsch im Quartier",
    "fundingArea": "KIP3_LANGUAGE",
    "projectStart": "1.8.2026",
    "projectEnd": "31.7.2027",
}
BUDGET = {
    "budgetLines.0.category": "PERSONNEL",
    "budgetLines.0.description": "Kursleitung",
    "budgetLines.0.amount": "30'000",
    "budgetLines.1.category": "PREMISES",
    "budgetLines.1.description": "Raummiete",
    "budgetLines.1.amount": "12000.00",
    "budgetLines.2.category": "",
    "budgetLines.2.description": "",
    "budgetLines.2.amount": "",
}
BASE = "/applications/KIP-2026-0001"


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    # the pages are used on a fixed day inside the call's window
    app = create_app(Settings(), manage_database=False, clock=lambda: NOW)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as client:
        yield client


async def token_of(http: httpx.AsyncClient, role: Role, email: str, organisation: str | None = None) -> str:
    """A new account of `role`, logged in through the API."""
    await factories.user(role, email=email, organisation=organisation)
    response = await http.post("/graphql", json={"query": LOGIN, "variables": {"e": email, "p": PASSWORD}})
    token: str = response.json()["data"]["login"]["token"]
    return token


async def gql(http: httpx.AsyncClient, token: str, query: str, **variables: Any) -> dict[str, Any]:
    """Run an API operation as the token's holder; it must not fail as a whole."""
    response = await http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token}"},
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def read(http: httpx.AsyncClient, token: str, reference: str = "KIP-2026-0001") -> dict[str, Any]:
    """The application as the API answers its applicant."""
    found: dict[str, Any] = (await gql(http, token, READ, ref=reference))["application"]
    return found


async def applicant(http: httpx.AsyncClient, slug: str = "verein-a") -> str:
    """An NGO with its project lead, signed in through the form in this client; the lead's API token."""
    await factories.organisation(slug)
    await factories.bank_account(slug)  # so that its tranches can be paid
    token = await token_of(http, Role.APPLICANT, f"lead@{slug}.example", slug)
    assert (await sign_in(http, f"lead@{slug}.example", PASSWORD)).status_code == 303
    return token


async def drafted(http: httpx.AsyncClient) -> str:
    """A call, and a draft started under it through the start page; the call's global ID."""
    call = to_global_id("FundingCall", (await factories.call()).id)
    started = await post_form(
        http,
        "/applications/new",
        {"call": call, **PROJECT},
        form_page=f"/applications/new?call={quote(call)}",
    )
    assert (started.status_code, started.headers["location"]) == (303, f"{BASE}/project")
    return call


async def test_an_application_from_draft_to_report(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given an applicant, staff, and an open call the applicant sees on its list
    lead = await applicant(http)
    reviewer = await token_of(http, Role.REVIEWER, "rita@example.org")
    approver = await token_of(http, Role.APPROVER, "otto@example.org")
    call = to_global_id("FundingCall", (await factories.call()).id)
    listing = await http.get("/applications")
    assert "Ihre Organisation hat noch keine Gesuche." in listing.text
    assert f'href="/applications/new?call={quote(call)}"' in listing.text

    # when the lead starts an application from the call
    start_page = f"/applications/new?call={quote(call)}"
    assert "Deutsch im Alltag 2026" in (await http.get(start_page)).text
    started = await post_form(http, "/applications/new", {"call": call, **PROJECT}, form_page=start_page)
    # then the form's first section comes next, and its overview lists the sections to fill in
    assert (started.status_code, started.headers["location"]) == (303, f"{BASE}/project")
    assert 'value="Deutsch im Quartier"' in (await http.get(f"{BASE}/project")).text
    overview = await http.get(BASE)
    assert f'href="{BASE}/budget"' in overview.text
    assert "Vervollständigen und einreichen" in overview.text

    # when a budget amount is no number
    refused = await post_form(
        http, f"{BASE}/budget", {**BUDGET, "budgetLines.0.amount": "dreissigtausend", "version": "1"}
    )
    # then the line says so, the input is kept, and nothing was saved
    assert refused.status_code == 400
    assert (
        '<a href="#f-budgetLines-0-amount">Geben Sie einen Betrag in Franken ein, z. B. 1250.50</a>'
        in refused.text
    )
    assert 'value="dreissigtausend"' in refused.text
    assert (await read(http, lead))["budgetLines"] == []
    assert (await read(http, lead))["version"] == 1

    # when "Add another line" is pressed, a row more comes back and nothing is saved
    more = await post_form(http, f"{BASE}/budget", {**BUDGET, "version": "1", "action": "add"})
    assert more.status_code == 200
    assert 'id="f-budgetLines-3-amount"' in more.text
    assert "CHF\u00a042’000.00" in more.text  # the running total of what was typed
    assert (await read(http, lead))["version"] == 1
    # and a row's "Remove" takes it out of the form, still saving nothing
    removed = await post_form(http, f"{BASE}/budget", {**BUDGET, "version": "1", "action": "remove-1"})
    assert removed.status_code == 200
    assert 'value="Raummiete"' not in removed.text
    assert 'value="Kursleitung"' in removed.text
    assert (await read(http, lead))["version"] == 1

    # when the budget, places and a wrong requested amount are saved, section after section
    saved = await post_form(http, f"{BASE}/budget", {**BUDGET, "version": "1", "action": "continue"})
    assert (saved.status_code, saved.headers["location"]) == (303, f"{BASE}/funding")
    places = {"municipalities": "pratteln", "languages": ["de", "ti"], "otherLanguages": "", "version": "2"}
    assert (await post_form(http, f"{BASE}/places", places)).status_code == 303
    funding = {
        "ownContribution": "5000",
        "thirdPartyFunding": "2000",
        "requestedAmount": "40000",
        "version": "3",
    }
    assert (await post_form(http, f"{BASE}/funding", funding)).status_code == 303
    # then the funding page checks the request against the budget as saved
    assert "CHF\u00a035’000.00" in (await http.get(f"{BASE}/funding")).text

    # when the lead submits it anyway
    failed = await post_form(http, f"{BASE}/check", {})
    # then the problem is shown at its answer, linked to its section's field, and it stays a draft
    assert failed.status_code == 400
    message = "Der beantragte Betrag muss Gesamtkosten − Eigenmittel − Drittmittel = CHF 35000.00 betragen"
    assert f'<a href="{BASE}/funding#f-requestedAmount">{message}</a>' in failed.text
    assert failed.text.count(message) == 2
    assert (await read(http, lead))["status"] == "DRAFT"

    # when it is fixed and submitted
    fixed = {**funding, "requestedAmount": "35000", "version": "4"}
    assert (await post_form(http, f"{BASE}/funding", fixed)).status_code == 303
    submitted = await post_form(http, f"{BASE}/check", {})
    # then it is submitted with what the forms said
    assert (submitted.status_code, submitted.headers["location"]) == (303, f"{BASE}?submitted=1")
    saved_application = await read(http, lead)
    assert saved_application | {"id": None} == {
        "id": None,
        "title": "Deutsch im Quartier",
        "status": "SUBMITTED",
        "version": 6,  # five saves and the submission
        "summary": None,
        "projectStart": "2026-08-01",
        "projectEnd": "2027-07-31",
        "languages": ["de", "ti"],
        "municipalities": [{"slug": "pratteln"}],
        "budgetLines": [
            {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "30000.00"}},
            {"category": "PREMISES", "description": "Raummiete", "amount": {"amount": "12000.00"}},
        ],
        "ownContribution": {"amount": "5000.00"},
        "thirdPartyFunding": {"amount": "2000.00"},
        "requestedAmount": {"amount": "35000.00"},
        "reports": [],
        "targets": [],
    }
    assert "Gesuch eingereicht" in (await http.get(f"{BASE}?submitted=1")).text

    # when staff ask for a change through the API
    application_id = saved_application["id"]
    await gql(http, reviewer, START_REVIEW, id=application_id)
    await gql(http, reviewer, REQUEST_CHANGES, id=application_id, m="Bitte die Zielgruppe beschreiben")
    # then the overview shows the request and how to answer it
    overview = await http.get(BASE)
    assert "Auf die Änderungsanfrage antworten" in overview.text
    assert "Bitte die Zielgruppe beschreiben" in overview.text
    assert f'href="{BASE}/check"' in overview.text

    # when the lead answers it through the project section and resubmits
    version = str((await read(http, lead))["version"])
    project = {**PROJECT, "summary": "Für Mütter mit kleinen Kindern", "version": version}
    assert (await post_form(http, f"{BASE}/project", project)).status_code == 303
    resubmitted = await post_form(http, f"{BASE}/check", {"message": "Zielgruppe ergänzt"})
    assert resubmitted.status_code == 303
    assert (await read(http, lead))["summary"] == "Für Mütter mit kleinen Kindern"

    # when staff review, approve and pay the first tranche
    await gql(http, reviewer, START_REVIEW, id=application_id)
    await gql(http, reviewer, REVIEW, id=application_id)
    assert (await gql(http, approver, APPROVE, id=application_id))["decideApplication"]["errors"] == []
    assert (await gql(http, approver, PAY, id=application_id))["markTranchePaid"]["errors"] == []
    # then the overview shows the decision, the award and its tranches, and the history
    overview = await http.get(BASE)
    assert '<dd class="summary-list__value" id="award-amount">CHF\u00a030’000.00</dd>' in overview.text
    assert "Zwischenbericht nach sechs Monaten" in overview.text
    assert '<strong class="tag tag--paid">Ausbezahlt</strong> 3. August 2026' in overview.text
    assert '<strong class="tag tag--due">Fällig</strong>' in overview.text
    assert "Zwischenbericht einreichen" in overview.text
    for step in (
        "Begonnen",
        "Änderungen verlangt",
        "Zielgruppe ergänzt",
        "Beitrag festgelegt",
        "Tranche ausbezahlt",
    ):
        assert step in overview.text

    # when the lead reports an indicator twice
    report_page = f"{BASE}/reports/new"
    twice = {
        "kind": "INTERIM",
        "narrative": "Zwei Kurse laufen",
        "actuals.0.indicator": "PARTICIPANTS",
        "actuals.0.value": "30",
        "actuals.1.indicator": "PARTICIPANTS",
        "actuals.1.value": "31",
    }
    refused = await post_form(http, report_page, twice)
    # then the duplicate is refused at its row, the input kept, and nothing reported
    assert refused.status_code == 400
    assert (
        '<a href="#f-actuals-1-indicator">Die Kennzahl PARTICIPANTS ist zweimal angegeben</a>' in refused.text
    )
    assert 'value="31"' in refused.text
    assert (await read(http, lead))["reports"] == []

    # when the report is sent with one figure
    sent = await post_form(http, report_page, {**twice, "actuals.1.indicator": "", "actuals.1.value": ""})
    # then it waits for the programme office, with its figure
    assert (sent.status_code, sent.headers["location"]) == (303, f"{BASE}?reported=1")
    assert (await read(http, lead))["reports"] == [
        {
            "kind": "INTERIM",
            "status": "SUBMITTED",
            "actuals": [{"indicator": {"code": "PARTICIPANTS"}, "value": 30}],
        }
    ]
    overview = await http.get(BASE)
    assert "Bericht wird geprüft" in overview.text
    assert "Zwischenbericht eingereicht" in overview.text


async def test_planned_outputs_are_refused_at_their_row_then_saved(
    seeded_db: str, http: httpx.AsyncClient
) -> None:
    # given a draft
    lead = await applicant(http)
    await drafted(http)
    targets = {
        "targets.0.indicator": "PARTICIPANTS",
        "targets.0.value": "60",
        "targets.1.indicator": "PARTICIPANTS",
        "targets.1.value": "40",
        "version": "1",
    }
    # when an indicator is planned twice
    twice = await post_form(http, f"{BASE}/targets", targets)
    # then the API's refusal is shown at the second row, and nothing is saved
    assert twice.status_code == 400
    assert (
        '<a href="#f-targets-1-indicator">Die Kennzahl PARTICIPANTS ist zweimal angegeben</a>' in twice.text
    )
    assert (await read(http, lead))["targets"] == []
    # when the second row is emptied and the section saved, the Documents section comes next
    once = {**targets, "targets.1.indicator": "", "targets.1.value": "", "action": "continue"}
    saved = await post_form(http, f"{BASE}/targets", once)
    assert (saved.status_code, saved.headers["location"]) == (303, f"{BASE}/documents")
    assert (await read(http, lead))["targets"] == [{"indicator": {"code": "PARTICIPANTS"}, "value": 60}]


async def test_starting_with_an_unreal_date_creates_nothing(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given an applicant and an open call
    await applicant(http)
    call = to_global_id("FundingCall", (await factories.call()).id)
    # when the start page is sent with a day that does not exist
    start_page = f"/applications/new?call={quote(call)}"
    refused = await post_form(
        http,
        "/applications/new",
        {"call": call, **PROJECT, "projectStart": "30.2.2026"},
        form_page=start_page,
    )
    # then the field says so, the input is kept, and no application exists
    assert refused.status_code == 400
    assert '<a href="#f-projectStart">Geben Sie ein gültiges Datum ein, z. B. 1.8.2026</a>' in refused.text
    assert 'value="30.2.2026"' in refused.text
    assert 'value="Deutsch im Quartier"' in refused.text
    assert (await http.get(BASE)).status_code == 404
    # and a call that does not exist is a 404 page
    assert (await http.get("/applications/new?call=nonsense")).status_code == 404


async def test_withdrawing_asks_first(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given a draft
    lead = await applicant(http)
    await drafted(http)
    # when the lead opens the withdraw page, then confirms
    asked = await http.get(f"{BASE}/withdraw")
    assert "Wollen Sie das Gesuch zurückziehen?" in asked.text
    assert (await read(http, lead))["status"] == "DRAFT"  # asking changes nothing
    confirmed = await post_form(http, f"{BASE}/withdraw", {})
    # then it is withdrawn, and can no longer be edited or withdrawn
    assert (confirmed.status_code, confirmed.headers["location"]) == (303, BASE)
    assert (await read(http, lead))["status"] == "WITHDRAWN"
    overview = await http.get(BASE)
    assert '<strong class="tag tag--withdrawn">Zurückgezogen</strong>' in overview.text
    assert f'href="{BASE}/withdraw"' not in overview.text
    assert (await http.get(f"{BASE}/budget")).headers["location"] == BASE

    # when it is withdrawn again from a page kept open
    again = await post_form(http, f"{BASE}/withdraw", {})
    # then the refusal says why, and nothing changed
    assert again.status_code == 400
    assert "Es gibt ein Problem" in again.text
    assert (await read(http, lead))["version"] == 2


async def test_another_organisations_application_is_not_found(
    seeded_db: str, http: httpx.AsyncClient
) -> None:
    # given a draft of one NGO, and a project lead of another signed in
    lead = await applicant(http)
    await drafted(http)
    before = await read(http, lead)
    http.cookies.clear()
    await applicant(http, "verein-b")
    # when the other lead opens its pages and posts its forms
    pages = ["", "/project", "/budget", "/check", "/withdraw", "/reports/new"]
    opened = [(await http.get(BASE + path)).status_code for path in pages]
    posted = [
        (
            await post_form(http, BASE + path, {"title": "Meins", "version": "1"}, form_page="/account")
        ).status_code
        for path in ("/project", "/withdraw", "/check")
    ]
    # then every one is the 404 page, and nothing changed
    assert opened == [404] * 6
    assert posted == [404] * 3
    assert "Seite nicht gefunden" in (await http.get(BASE)).text
    assert await read(http, lead) == before
    # and a visitor not signed in is asked to sign in first, then brought back
    http.cookies.clear()
    anonymous = await http.get(f"{BASE}/budget")
    assert (anonymous.status_code, anonymous.headers["location"]) == (
        303,
        "/sign-in?next=/applications/KIP-2026-0001/budget",
    )


async def test_a_title_with_markup_shows_as_text(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given a draft whose title is markup with a script
    await applicant(http)
    await drafted(http)
    title = '<script>alert("x")</script><b>fett</b>'
    assert (
        await post_form(http, f"{BASE}/project", {**PROJECT, "title": title, "version": "1"})
    ).status_code == 303
    # when its pages are shown
    for path in ("/applications", BASE, f"{BASE}/project", f"{BASE}/check"):
        page = await http.get(path)
        # then the title is text, never markup
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;fett&lt;/b&gt;" in page.text


async def test_refused_forms_change_nothing(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given a draft with a budget
    lead = await applicant(http)
    await drafted(http)
    assert (await post_form(http, f"{BASE}/budget", {**BUDGET, "version": "1"})).status_code == 303
    before = await read(http, lead)
    # when a negative amount is sent, the API refuses it at its field with the input kept
    negative = await post_form(
        http,
        f"{BASE}/funding",
        {"ownContribution": "-5", "thirdPartyFunding": "0", "requestedAmount": "42000", "version": "2"},
    )
    assert negative.status_code == 400
    assert '<a href="#f-ownContribution">Der Betrag darf nicht negativ sein</a>' in negative.text
    assert 'value="-5"' in negative.text
    # when a form built from an older version is saved
    stale = await post_form(http, f"{BASE}/project", {**PROJECT, "title": "Alt", "version": "1"})
    assert stale.status_code == 400
    assert 'href="#f-form"' in stale.text
    assert 'value="Alt"' in stale.text
    # when a date is no date
    undated = await post_form(
        http, f"{BASE}/project", {**PROJECT, "projectEnd": "31.13.2027", "version": "2"}
    )
    assert undated.status_code == 400
    assert '<a href="#f-projectEnd">Geben Sie ein gültiges Datum ein, z. B. 1.8.2026</a>' in undated.text
    # when a report is sent for an application that was never approved
    report = await post_form(
        http,
        f"{BASE}/reports/new",
        {"kind": "FINAL", "narrative": "x", "actuals.0.indicator": "PARTICIPANTS", "actuals.0.value": "3"},
    )
    assert report.status_code == 400
    # then nothing changed
    assert await read(http, lead) == before


async def test_the_list_shows_each_application_with_its_next_step(
    seeded_db: str, http: httpx.AsyncClient
) -> None:
    # given a draft and a submitted application of the NGO
    lead = await applicant(http)
    await drafted(http)
    call = to_global_id("FundingCall", (await factories.call()).id)
    second = await post_form(
        http,
        "/applications/new",
        {"call": call, **PROJECT, "title": "Elterncafé"},
        form_page=f"/applications/new?call={quote(call)}",
    )
    assert second.headers["location"] == "/applications/KIP-2026-0002/project"
    # when the list is opened in French
    await http.get("/language/fr?next=/applications")
    listing = await http.get("/applications")
    # then the newest comes first, each with its status and next step
    assert listing.text.index("Elterncafé") < listing.text.index("Deutsch im Quartier")
    assert listing.text.count("Compléter et déposer") == 2
    assert '<strong class="tag tag--draft">' in listing.text
    assert "2 demandes" in listing.text
    assert (await read(http, lead))["status"] == "DRAFT"


async def test_changing_the_password_keeps_the_session(seeded_db: str, http: httpx.AsyncClient) -> None:
    # given a signed-in project lead
    old_token = await applicant(http)
    # when the current password is wrong
    wrong = await post_form(
        http, "/account/password", {"currentPassword": "nope", "newPassword": "x" * 12}, form_page="/account"
    )
    # then the field says so, and the password did not change
    assert wrong.status_code == 400
    assert '<a href="#f-currentPassword">Das aktuelle Passwort ist falsch</a>' in wrong.text
    assert (await gql(http, old_token, "{ viewer { email } }"))["viewer"] == {
        "email": "lead@verein-a.example"
    }
    # when it is right
    new_password = "a much longer new passphrase"
    changed = await post_form(
        http,
        "/account/password",
        {"currentPassword": PASSWORD, "newPassword": new_password},
        form_page="/account",
    )
    # then the browser is still signed in with a new token, and every old one is revoked
    assert (changed.status_code, changed.headers["location"]) == (303, "/account?changed=1")
    page = await http.get("/account?changed=1")
    assert "Ihr Passwort wurde geändert." in page.text
    assert "Abmelden" in page.text
    assert (await gql(http, old_token, "{ viewer { email } }"))["viewer"] is None

    # when the lead signs out everywhere
    token = http.cookies["kipnet_session"]
    out = await post_form(http, "/account/sign-out-everywhere", {}, form_page="/account")
    # then the cookie is gone and the token revoked
    assert (out.status_code, out.headers["location"]) == (303, "/")
    assert "kipnet_session" not in http.cookies
    assert (await gql(http, token, "{ viewer { email } }"))["viewer"] is None
    assert (await http.get("/account")).headers["location"] == "/sign-in?next=/account"
