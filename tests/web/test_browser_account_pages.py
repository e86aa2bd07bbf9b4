"""Issue 12's account pages in a real browser, in each language: arrival checks (axe-core at 0, fits
the window, quiet console) on every page and on its refused form, and the way from signing in to
"forgotten your password?".

`test_the_pages_reading_accounts_pass_the_arrival_checks` reads the accounts API (contract part
accounts.graphql): it passes once the `accounts` branch is merged.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: A token of the API's shape; the pages render without knowing whether it is valid.
TOKEN = "q3Zb0r1T6mXk9V2yJcH8pL4sWnE7aD5fGuR0tY1iO2w"


@pytest.mark.parametrize(("language", "width"), [("de", 1024), ("fr", 1024), ("it", 1024), ("en", 360)])
async def test_the_link_pages_and_their_refusals_pass_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given an anonymous visitor on the sign-in page
    visitor = await open_visitor(language, width=width)
    await visitor.open("/sign-in")
    # when they follow "forgotten your password?", then open a reset and an invitation link
    await visitor.follow("Forgotten your password?")
    forgot = (visitor.path, await visitor.heading())
    await visitor.open(f"/account/reset/{TOKEN}")
    await visitor.fill("New password", "Kiebitz-Laterne-Fahrrad-93")
    await visitor.fill("Repeat the new password", "Kiebitz-Laterne-Fahrrad-39")
    await visitor.press("Set the password")
    reset = await visitor.field_errors("Repeat the new password")
    await visitor.open(f"/account/invitation/{TOKEN}")
    await visitor.fill("Your name", "Mia Muster")
    await visitor.press("Accept and sign in")
    invitation = (await visitor.problems(), await visitor.problem_targets())
    # then each page arrived in the visitor's language, and each refusal stands at its field
    assert forgot == ("/account/forgot-password", visitor.t("Forgotten your password?"))
    assert reset == [visitor.t("Enter the same password twice")]
    assert invitation == ([visitor.t("Enter a password")], ["#f-password"])


@pytest.mark.parametrize("language", ["de", "fr"])
async def test_the_invitation_forms_pass_the_arrival_checks(open_visitor: OpenVisitor, language: str) -> None:
    # given an administrator and an applicant, each signed in
    admin = await open_visitor(language)
    await admin.sign_in("ADMIN")
    applicant = await open_visitor(language, width=360)
    await applicant.sign_in("APPLICANT")
    # when the administrator opens the invitation form
    await admin.open("/admin/users/invite")
    # and the applicant follows "invite a colleague" from the account page
    await applicant.open("/account")
    await applicant.follow("Invite a colleague")
    # then both forms arrived (checked on arrival)
    assert await admin.heading() == admin.t("Invite someone")
    assert (applicant.path, await applicant.heading()) == (
        "/account/invite",
        applicant.t("Invite a colleague"),
    )


@pytest.mark.parametrize(("language", "width"), [("de", 1024), ("it", 360)])
async def test_the_pages_reading_accounts_pass_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given a signed-in administrator
    visitor = await open_visitor(language, width=width)
    await visitor.sign_in("ADMIN")
    # when they open the users, one account, and their own details, and send an invitation without address
    await visitor.open("/admin")
    await visitor.follow("Users")
    listing = await visitor.heading()
    await visitor.page.locator("#users a").first.click()
    await visitor.arrived()
    one = await visitor.heading()
    await visitor.open("/account")
    await visitor.follow("Change your name and language")
    details = await visitor.heading()
    await visitor.open("/admin/users/invite")
    await visitor.press("Send the invitation")
    refused = await visitor.problem_targets()
    # then each arrived (checked on arrival), and the refusal points at the address
    assert (listing, details) == (visitor.t("Users"), visitor.t("Your name and language"))
    assert one
    assert "#f-email" in refused
