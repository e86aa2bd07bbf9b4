"""The admin pages over HTTP: funding calls opened, changed and closed by administrators only."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import httpx
import pytest

from grants.models import FundingCall, Organisation, Role
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

ADMIN = "admin@example.org"
REVIEWER = "reviewer@example.org"
NEW_CALL = {
    "programme": "KIP3",
    "title": "Sprache & Arbeit 2027",
    "description": "Kurse mit Praxisbezug",
    "fundingAreas": ["KIP3_LANGUAGE", "KIP3_WORK_PREPARATION"],
    "opensAt": "2027-01-01",
    "closesAt": "2027-03-31",
    "budget": "200'000",
    "maxAmountPerApplication": "40000",
    "minReviews": "1",
    "startShare": "60",
    "criteria.0.code": "relevance",
    "criteria.0.name": "Relevanz",
    "criteria.0.weight": "2",
    "criteria.2.code": "FEASIBILITY",
    "criteria.2.name": "Machbarkeit",
    "criteria.2.weight": "1,5",
}


async def people() -> None:
    """An administrator, and a reviewer and an approver so that one review is possible."""
    await factories.user(Role.ADMIN, email=ADMIN)
    await factories.user(Role.REVIEWER, email=REVIEWER)
    await factories.user(Role.APPROVER, email="approver@example.org")


async def test_only_administrators_get_the_admin_pages(seeded_db: str, client: httpx.AsyncClient) -> None:
    # given staff who are not administrators
    await people()
    # when an anonymous visitor, then a reviewer, asks for the pages and forces a new call
    anonymous = await client.get("/admin")
    await sign_in(client, REVIEWER, PASSWORD)
    listing = await client.get("/admin")
    form = await client.get("/admin/calls/new")
    forced = await post_form(client, "/admin/calls/new", NEW_CALL, form_page="/sign-in")
    # then the visitor is sent to sign in, the reviewer finds no such pages, and no call was made
    assert (anonymous.status_code, anonymous.headers["location"]) == (303, "/sign-in?next=/admin")
    assert listing.status_code == form.status_code == forced.status_code == 404
    assert await FundingCall.all().count() == 0


async def test_a_refused_call_shows_each_problem_at_its_field_and_keeps_the_input(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a signed-in administrator
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    # when a call is sent without a title, with a malformed weight and an amount in words
    refused = await post_form(
        client,
        "/admin/calls/new",
        {**NEW_CALL, "title": "", "criteria.2.weight": "schwer", "maxAmountPerApplication": "viel"},
    )
    # then the form comes back with the problems linked to their fields, the input kept, and no call
    assert refused.status_code == 400
    assert "Es gibt ein Problem" in refused.text
    assert 'href="#f-criteria-2-weight"' in refused.text
    assert 'href="#f-maxAmountPerApplication"' in refused.text
    assert 'value="schwer"' in refused.text
    assert 'value="KIP3_WORK_PREPARATION" checked' in refused.text
    assert "Kurse mit Praxisbezug</textarea>" in refused.text
    assert await FundingCall.all().count() == 0
    # when only the title is missing, the API's refusal is shown at the title
    untitled = await post_form(client, "/admin/calls/new", {**NEW_CALL, "title": ""})
    assert untitled.status_code == 400
    assert 'href="#f-title"' in untitled.text
    assert await FundingCall.all().count() == 0


async def test_an_administrator_opens_a_call(seeded_db: str, client: httpx.AsyncClient) -> None:
    # given a signed-in administrator
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    # when a complete call is sent (criteria in rows one and three)
    opened = await post_form(client, "/admin/calls/new", NEW_CALL)
    # then it is opened with its window in Swiss time, and its page says so
    call = await FundingCall.get()
    assert opened.status_code == 303
    assert opened.headers["location"] == f"/admin/calls/{call.reference}?done=created"
    assert call.opens_at == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    assert call.closes_at == datetime(2027, 3, 31, 21, 59, 59, tzinfo=UTC)
    assert call.min_reviews == 1
    assert call.tranche_plan == [
        {"share": "0.6", "due": "PROJECT_START"},
        {"share": "0.4", "due": "FINAL_REPORT"},
    ]
    page = await client.get(opened.headers["location"])
    assert "Die Ausschreibung wurde eröffnet." in page.text
    assert "Relevanz (RELEVANCE, Gewicht 2)" in page.text
    assert "Machbarkeit (FEASIBILITY, Gewicht 1.5)" in page.text
    listing = await client.get("/admin")
    assert f'<a href="/admin/calls/{call.reference}">{call.reference}</a>' in listing.text
    assert "Sprache &amp; Arbeit 2027" in listing.text


async def test_an_administrator_changes_and_closes_a_call(seeded_db: str, client: httpx.AsyncClient) -> None:
    # given a call (past its deadline by the real clock until it is extended) and a signed-in administrator
    await people()
    call = await factories.call()
    page = f"/admin/calls/{call.reference}"
    await sign_in(client, ADMIN, PASSWORD)
    edit = await client.get(page)
    # when a malformed budget is sent, then a good change
    malformed = await post_form(client, page, {"title": "Neu", "budget": "viel"})
    changed = await post_form(
        client,
        page,
        {"title": "Deutsch im Alltag 2026 (verlängert)", "budget": "120000", "closesAt": "2027-06-30"},
    )
    # then the form was filled from the call, the malformed budget changed nothing, the good one saved
    assert 'value="2026-06-30"' in edit.text
    assert 'value="100000.00"' in edit.text
    assert malformed.status_code == 400
    assert 'href="#f-budget"' in malformed.text
    assert changed.headers["location"] == f"{page}?done=saved"
    saved = await FundingCall.get(id=call.id)
    assert saved.budget_cents == int(Decimal("120000") * 100)
    assert saved.closes_at == datetime(2027, 6, 30, 21, 59, 59, tzinfo=UTC)
    # when it is closed, and closed again by a forced post
    closed = await post_form(client, f"{page}/close", {}, form_page=page)
    closes_at = (await FundingCall.get(id=call.id)).closes_at
    again = await post_form(client, f"{page}/close", {}, form_page=page)
    # then the first closes it, the second is refused with the API's reason and changes nothing
    assert closed.headers["location"] == f"{page}?done=closed"
    assert again.status_code == 400
    assert 'href="#f-close"' in again.text
    assert (await FundingCall.get(id=call.id)).closes_at == closes_at


NEW_ORGANISATION = {
    "kind": "ASSOCIATION",
    "name.de": "Verein Brücke <Liestal>",
    "name.fr": "Association Pont",
    "acronym": "VBL",
    "description.de": "Treffpunkt und Beratung",
    "address.street": "Rheinstrasse 1",
    "address.postalCode": "4410",
    "address.locality": "Liestal",
    "address.canton": "BL",
    "email": "info@bruecke.example",
    "website": "https://bruecke.example",
    "languages": "de, TI ar",
}


async def test_an_administrator_adds_and_changes_an_organisation(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a signed-in administrator
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    before = await Organisation.all().count()
    # when an organisation without a German name and with a malformed address is sent
    refused = await post_form(
        client, "/admin/organisations/new", {**NEW_ORGANISATION, "name.de": "", "email": "kein-mail"}
    )
    # then both problems are linked to their fields, the input is kept, nothing is added
    assert refused.status_code == 400
    assert 'href="#f-name-de"' in refused.text
    assert 'href="#f-email"' in refused.text
    assert 'value="kein-mail"' in refused.text
    assert await Organisation.all().count() == before
    # when it is complete
    added = await post_form(client, "/admin/organisations/new", NEW_ORGANISATION)
    # then it is in the directory, and its form shows only the languages it has
    organisation = await Organisation.get(acronym="VBL")
    page = f"/admin/organisations/{organisation.slug}"
    assert added.headers["location"] == f"{page}?done=created"
    assert organisation.name == {"de": "Verein Brücke <Liestal>", "fr": "Association Pont"}
    assert organisation.languages == ["de", "ti", "ar"]
    form = await client.get(added.headers["location"])
    assert "Die Organisation wurde hinzugefügt." in form.text
    assert 'name="name.fr" type="text" value="Association Pont"' in form.text
    assert 'name="name.it" type="text" value=""' in form.text
    assert "Verein Brücke &lt;Liestal&gt;" in form.text
    # when the form is saved again with a new phone number
    values = {**NEW_ORGANISATION, "slug": organisation.slug, "phone": "061 000 00 00"}
    saved = await post_form(client, page, values)
    # then the phone is changed and no language was filled with the German text
    changed = await Organisation.get(id=organisation.id)
    assert saved.headers["location"] == f"{page}?done=saved"
    assert changed.phone == "061 000 00 00"
    assert changed.name == {"de": "Verein Brücke <Liestal>", "fr": "Association Pont"}


async def test_an_organisation_with_history_is_retired_not_deleted(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an organisation an account refers to, one nothing refers to, and a signed-in administrator
    await people()
    await factories.organisation("verein-alt", name="Verein Alt")
    await factories.user(Role.APPLICANT, email="lead@alt.example", organisation="verein-alt")
    await factories.organisation("verein-leer", name="Verein Leer")
    await sign_in(client, ADMIN, PASSWORD)
    page = "/admin/organisations/verein-alt"
    # when the first is deleted, then retired, then taken back; and the second deleted
    refused = await post_form(client, f"{page}/delete", {}, form_page=page)
    still_there = await Organisation.get(slug="verein-alt")
    retired = await post_form(client, f"{page}/retire", {"retired": "true"}, form_page=page)
    retired_at = (await Organisation.get(slug="verein-alt")).retired_at
    back = await post_form(client, f"{page}/retire", {"retired": "false"}, form_page=page)
    deleted = await post_form(
        client, "/admin/organisations/verein-leer/delete", {}, form_page="/admin/organisations/verein-leer"
    )
    # then deleting is refused with the API's reason at the delete form and nothing changed
    assert refused.status_code == 400
    assert 'href="#f-delete"' in refused.text
    assert still_there.retired_at is None
    # and retiring and taking back work, and the organisation without history is gone
    assert retired.headers["location"] == f"{page}?done=retired"
    assert retired_at is not None
    assert back.headers["location"] == f"{page}?done=restored"
    assert (await Organisation.get(slug="verein-alt")).retired_at is None
    assert deleted.headers["location"] == "/admin/organisations?done=deleted"
    assert await Organisation.filter(slug="verein-leer").count() == 0
    listing = await client.get("/admin/organisations", params={"search": "verein alt"})
    assert '<a href="/admin/organisations/verein-alt">Verein Alt</a>' in listing.text


async def test_a_foreign_cursor_on_the_organisation_list_is_refused(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    response = await client.get("/admin/organisations", params={"after": "not-a-cursor"})
    assert response.status_code == 400
    assert 'id="organisations-refused"' in response.text
