"""Journeys through the portal in a real browser, in German and in French, every page checked by the
Visitor as it arrives (axe-core, 360 px-safe width, quiet console). The applicant's and the staff's
journeys grow here as their pages land; each starts from signing in as its role."""

from __future__ import annotations

import pytest

from grants.models import Role
from tests.web.browser.served import ACCOUNTS
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

#: Where each role starts after signing in (web/account/pages.py home_of), with the language it tries.
HOMES = (
    (Role.APPLICANT, "/applications", "de"),
    (Role.REVIEWER, "/staff/applications", "fr"),
    (Role.APPROVER, "/staff/applications", "de"),
    (Role.ADMIN, "/staff/applications", "fr"),
)


@pytest.mark.parametrize(("role", "home", "language"), HOMES, ids=[role.value for role, _, _ in HOMES])
async def test_each_role_signs_in_to_its_home(
    open_visitor: OpenVisitor, role: Role, home: str, language: str
) -> None:
    # given a visitor with an account of the role
    visitor = await open_visitor(language)
    # when they sign in through the form
    await visitor.sign_in(role.value)
    # then they land on their role's home, signed in, and its page is checked like every other
    assert visitor.path == home
    assert await visitor.signed_in()


async def test_signing_in_returns_to_the_page_asked_for(open_visitor: OpenVisitor) -> None:
    # given an applicant sent to sign in from the start page
    visitor = await open_visitor("fr")
    await visitor.open("/sign-in?next=/")
    # when they sign in
    await visitor.fill("E-mail address", ACCOUNTS[Role.APPLICANT].email)
    await visitor.fill("Password", ACCOUNTS[Role.APPLICANT].password)
    await visitor.press("Sign in")
    # then they are back where they were, signed in, in French
    assert visitor.path == "/"
    assert await visitor.heading() == visitor.t("Integration programme – partners and funding")
    assert await visitor.signed_in()


async def test_a_refused_sign_in_can_be_corrected(open_visitor: OpenVisitor) -> None:
    # given a reviewer who mistypes the password
    visitor = await open_visitor("de")
    await visitor.sign_in(Role.REVIEWER.value, password="falsches Passwort")
    assert await visitor.problems() == ["E-Mail-Adresse oder Passwort ist falsch"]
    # when they type it again (the address is still there) and send the form
    await visitor.fill("Password", ACCOUNTS[Role.REVIEWER].password)
    await visitor.press("Sign in")
    # then they are signed in, and the error is gone
    assert await visitor.signed_in()
    assert await visitor.problems() == []
