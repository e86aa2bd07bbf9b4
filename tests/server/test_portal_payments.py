"""Bank accounts and payments on the portal over HTTP: the applicant's account form, the staff's
payments page and its steps, and the account on the admin's organisation page."""

from __future__ import annotations

import httpx
import pytest

from grants.models import BankAccount, Organisation, OutboxMessage, PaymentTranche
from tests import factories
from tests.factories import IBAN_CH, PASSWORD
from tests.factories_payments import approved, people
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

PAGE = "/account/organisation/bank-account"
PAYMENTS = "/staff/payments"
GROUPED = "CH93 0076 2011 6238 5295 7"


async def account_of(slug: str) -> tuple[str, str] | None:
    organisation = await Organisation.get(slug=slug)
    account = await BankAccount.get_or_none(organisation_id=organisation.id)
    return (account.iban, account.holder) if account else None


async def test_an_applicant_enters_the_account_and_a_bad_iban_is_refused_at_its_field(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a member, signed in, of an organisation without an account
    await people()
    await sign_in(client, "a@verein-a.example", PASSWORD)
    entry = await client.get("/account/organisation")
    empty = await client.get(PAGE)
    # when a German IBAN is entered, then a Swiss one written in lower case
    refused = await post_form(client, PAGE, {"iban": "DE89 3704 0044 0532 0130 00", "holder": "Verein A"})
    saved = await post_form(client, PAGE, {"iban": "ch9300762011623852957", "holder": " Verein A "})
    shown = await client.get(saved.headers["location"])
    # then
    assert 'id="no-bank-account"' in entry.text
    assert f'href="{PAGE}"' in entry.text
    assert empty.status_code == 200
    assert refused.status_code == 400
    assert 'href="#f-iban"' in refused.text
    assert (
        '<p class="error-message" id="f-iban-error"><span class="visually-hidden">Fehler:</span> '
        "Auszahlungen gehen nur auf Schweizer (CH) oder Liechtensteiner (LI) IBAN; diese ist aus DE</p>"
    ) in refused.text
    assert 'value="DE89 3704 0044 0532 0130 00"' in refused.text
    assert saved.headers["location"] == f"{PAGE}?done=saved"
    assert f'<dd class="summary-list__value" id="bank-account-iban">{GROUPED}</dd>' in shown.text
    assert "Die Bankverbindung wurde gespeichert." in shown.text
    assert await account_of("verein-a") == (IBAN_CH, "Verein A")
    mails = await OutboxMessage.filter(kind="BANK_ACCOUNT_CHANGED").order_by("recipient")
    assert [mail.recipient for mail in mails] == ["a@verein-a.example", "b@verein-a.example"]


async def test_only_members_reach_the_account_page(seeded_db: str, client: httpx.AsyncClient) -> None:
    await people()
    anonymous = await client.get(PAGE)
    await sign_in(client, "reviewer@canton.example", PASSWORD)
    staff = await client.get(PAGE)
    assert (anonymous.status_code, anonymous.headers["location"]) == (303, f"/sign-in?next={PAGE}")
    assert staff.status_code == 404


async def test_staff_hand_a_tranche_over_and_mark_it_paid_from_the_payments_page(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an approved project whose organisation has an account
    who = await people()
    application = await approved(who)
    await factories.bank_account("verein-a")
    await sign_in(client, "approver@canton.example", PASSWORD)
    # when the approver lists what is due by the end of 2026 and hands the first tranche over
    listed = await client.get(PAYMENTS, params={"dueBefore": "2026-12-31"})
    # the form's hidden field holds the application's global ID
    global_id = listed.text.split('name="application" value="')[1].split('"')[0]
    fields = {"application": global_id, "tranche": "0", "dueBefore": "2026-12-31"}
    handed = await post_form(client, f"{PAYMENTS}/start", fields, form_page=PAYMENTS)
    after = await client.get(handed.headers["location"])
    on_application = await client.get(f"/staff/applications/{application.reference}")
    twice = await post_form(client, f"{PAYMENTS}/start", fields, form_page=PAYMENTS)
    paid = await post_form(client, f"{PAYMENTS}/paid", fields, form_page=PAYMENTS)
    # then
    assert listed.status_code == 200
    assert f'href="/staff/applications/{application.reference}"' in listed.text
    assert 'href="/exports/payments.csv?dueBefore=2026-12-31"' in listed.text
    assert 'href="/exports/payments.xlsx?dueBefore=2026-12-31"' in listed.text
    assert f'<span class="iban">{GROUPED}</span>' in listed.text
    assert "Zahlungsbereit" in listed.text
    assert handed.headers["location"] == f"{PAYMENTS}?dueBefore=2026-12-31&done=start"
    assert "Bei der Finanzverwaltung" in after.text
    assert "Die Tranche wurde der Finanzverwaltung übergeben." in after.text
    assert '<strong class="tag tag--being-paid">Bei der Finanzverwaltung</strong>' in on_application.text
    assert twice.status_code == 400
    assert '<a href="#f-form">Die Tranche 0 ist schon bei der Finanzverwaltung</a>' in twice.text
    assert paid.headers["location"] == f"{PAYMENTS}?dueBefore=2026-12-31&done=paid"
    tranche = await PaymentTranche.get(award__application_id=application.id, position=0)
    assert tranche.paid_on is not None
    assert (tranche.payee_iban, tranche.payee_holder) == (IBAN_CH, "Verein A")


async def test_a_bad_day_is_shown_at_its_field_and_reviewers_get_no_buttons(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    who = await people()
    await approved(who)
    await sign_in(client, "reviewer@canton.example", PASSWORD)
    bad = await client.get(PAYMENTS, params={"dueBefore": "31.12.2026"})
    listed = await client.get(PAYMENTS, params={"dueBefore": "2027-12-31"})
    assert bad.status_code == 400
    assert 'href="#f-dueBefore"' in bad.text
    assert 'value="31.12.2026"' in bad.text
    assert listed.status_code == 200
    assert "Keine Bankverbindung" in listed.text
    assert "Wartet auf den Schlussbericht" in listed.text
    assert f'action="{PAYMENTS}/start"' not in listed.text


async def test_applicants_do_not_reach_the_payments_page(seeded_db: str, client: httpx.AsyncClient) -> None:
    await people()
    await sign_in(client, "a@verein-a.example", PASSWORD)
    assert (await client.get(PAYMENTS)).status_code == 404


async def test_the_admin_sees_the_account_on_the_organisation_page(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    await people()
    await factories.bank_account("verein-a")
    await sign_in(client, "admin@canton.example", PASSWORD)
    page = await client.get("/admin/organisations/verein-a")
    assert page.status_code == 200
    assert f'<dd class="summary-list__value" id="bank-account-iban">{GROUPED}</dd>' in page.text
