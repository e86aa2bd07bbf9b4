"""Bank accounts and payments in a real browser, in the four languages: the applicant's account form
(refused, then saved) and the staff's payments page with a tranche handed over and taken back; every
page passes the arrival checks (axe-core at 0, fits the window, quiet console)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grants.models import Role, User
from tests import factories
from tests.databases import Templates
from tests.factories_payments import approved
from tests.served import ServedKipnet
from tests.web.browser.availability import require_browser
from tests.web.browser.served import ACCOUNTS, APPLICANT_ORGANISATION, serve_portal
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

LANGUAGES = [("de", 1024), ("fr", 1024), ("it", 360), ("en", 1024)]


async def an_approved_project() -> None:
    """An approved project of the test applicant's organisation (two tranches to pay) and its account:
    each test stands on its own (pytest-xdist may run them in different processes)."""
    who = {
        key: await User.get(email=ACCOUNTS[role].email)
        for key, role in (("a", Role.APPLICANT), ("reviewer", Role.REVIEWER), ("approver", Role.APPROVER))
    }
    await approved(who)
    await factories.bank_account(APPLICANT_ORGANISATION, iban="LI21088100002324013AA")


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """A served kipnet with the fixtures, one account per role and the approved project."""
    require_browser()
    server = serve_portal(templates, Path(tmp_path_factory.mktemp("portal")), an_approved_project)
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize(("language", "width"), LANGUAGES)
async def test_an_applicant_enters_the_bank_account_passing_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given a signed-in applicant on its organisation's page
    visitor = await open_visitor(language, width=width)
    await visitor.sign_in("APPLICANT")
    await visitor.open("/account/organisation")
    # when they open the bank account, enter a German IBAN, then a Swiss one in lower case
    await visitor.page.locator("#bank-account ~ p a, #no-bank-account a").first.click()
    await visitor.arrived()
    page = visitor.path
    await visitor.fill("IBAN", "DE89 3704 0044 0532 0130 00")
    await visitor.fill("Account holder", f"Deutschcafé Pratteln {language}")
    await visitor.press("Save the bank account")
    refused = (visitor.path, await visitor.field_errors("IBAN"), await visitor.problem_targets())
    await visitor.fill("IBAN", "ch93 0076 2011 6238 5295 7")
    await visitor.press("Save the bank account")
    # then the refusal stood at the field, and the account is shown in groups of four
    assert page == "/account/organisation/bank-account"
    assert refused[0] == page
    assert len(refused[1]) == 1
    assert refused[2] == ["#f-iban"]
    assert await visitor.page.locator("#bank-account-iban").inner_text() == "CH93 0076 2011 6238 5295 7"
    assert (
        await visitor.page.locator("#bank-account-holder").inner_text() == f"Deutschcafé Pratteln {language}"
    )


@pytest.mark.parametrize(("language", "width"), LANGUAGES)
async def test_staff_hand_a_tranche_over_and_take_it_back_passing_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given a signed-in approver; the organisation has an account
    visitor = await open_visitor(language, width=width)
    await visitor.sign_in("APPROVER")
    await visitor.open("/staff/applications")
    # when they follow Payments and ask for everything due by the end of 2027 (a date field: a
    # malformed day cannot be typed in a browser; tests/server/test_portal_payments.py sends one)
    await visitor.follow("Payments")
    await visitor.fill("Due on or before", "2027-12-31")
    await visitor.press("Show tranches")
    listed = await visitor.page.locator("#payments tbody tr").count()
    # and hand the first tranche to the finance office, then take it back
    hand = visitor.page.get_by_role("button", name=visitor.t("Hand to finance"))
    async with visitor.page.expect_navigation():
        await hand.first.click()
    await visitor.arrived()
    handed = await visitor.page.locator("#payments tbody tr").first.inner_text()
    take_back = visitor.page.get_by_role("button", name=visitor.t("Take back"))
    async with visitor.page.expect_navigation():
        await take_back.first.click()
    await visitor.arrived()
    # then
    assert listed == 2
    assert visitor.t("With the finance office") in handed
    assert await take_back.count() == 0
    assert await hand.count() == 1
