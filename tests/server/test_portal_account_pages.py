"""The account pages of issue 12 over HTTP, as far as they stand without the accounts API: who gets
which page, what the pages hold, and the refusals the portal makes itself (passwords that differ).

The flows through the API (invitation, reset, own details, the users list) are in
tests/server/test_portal_account_flows.py.
"""

from __future__ import annotations

import re

import httpx
import pytest

from grants.models import Role, User
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

ADMIN = "admin@example.org"
REVIEWER = "reviewer@example.org"
APPLICANT = "lead@verein-a.example.org"
#: A token of the shape the API makes (secrets.token_urlsafe(32)); the portal cannot tell it is none.
TOKEN = "q3Zb0r1T6mXk9V2yJcH8pL4sWnE7aD5fGuR0tY1iO2w"
HREF = re.compile(r'href="([^"]*)"')
ACTION = re.compile(r'action="([^"]*)"')


async def people() -> None:
    """An administrator, a reviewer and an applicant of Verein A."""
    await factories.organisation("verein-a", name="Verein A")
    await factories.user(Role.ADMIN, email=ADMIN)
    await factories.user(Role.REVIEWER, email=REVIEWER)
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-a")


async def test_the_sign_in_page_leads_to_the_forgot_password_page(db: str, client: httpx.AsyncClient) -> None:
    # when an anonymous visitor opens the sign-in page and follows "forgotten your password?"
    sign_in_page = await client.get("/sign-in")
    forgot = await client.get("/account/forgot-password")
    # then the link is there and the page asks for the e-mail address, in German
    assert (
        '<a href="/account/forgot-password" id="forgot-password">Passwort vergessen?</a>' in sign_in_page.text
    )
    assert forgot.status_code == 200
    assert '<h1 class="heading-l">Passwort vergessen?</h1>' in forgot.text
    assert 'name="email" type="email"' in forgot.text
    assert 'action="/account/forgot-password"' in forgot.text


async def test_the_confirmation_page_says_the_same_to_everybody(db: str, client: httpx.AsyncClient) -> None:
    # when the confirmation is opened, in French
    sent = await client.get("/account/forgot-password/sent", headers={"accept-language": "fr-CH"})
    # then it tells of a link without saying whether the account exists
    assert sent.status_code == 200
    assert "Si un compte existe pour l’adresse saisie, nous lui avons envoyé un lien." in sent.text


@pytest.mark.parametrize("kind", ["reset", "invitation"])
async def test_a_link_page_keeps_its_token_to_itself(db: str, client: httpx.AsyncClient, kind: str) -> None:
    # when the page of a reset or invitation link is opened
    page = await client.get(f"/account/{kind}/{TOKEN}")
    # then it is a form posting to itself, the token is in no link (not even the language switch's),
    # and the browser is told to send no referrer anywhere
    assert page.status_code == 200
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert [href for href in HREF.findall(page.text) if TOKEN in href] == []
    assert '<a href="/language/fr" lang="fr" hreflang="fr">' in page.text
    assert f"/account/{kind}/{TOKEN}" in ACTION.findall(page.text)
    assert page.text.count('type="password"') == 2


async def test_a_path_too_long_for_a_token_is_no_page(db: str, client: httpx.AsyncClient) -> None:
    # when a link page is opened with 201 characters where the token goes
    found = await client.get("/account/reset/" + "a" * 201, headers={"accept": "text/html"})
    # then there is no such page
    assert found.status_code == 404


async def test_passwords_that_differ_are_refused_before_anything_is_sent(
    db: str, client: httpx.AsyncClient
) -> None:
    # when a new password is typed twice differently on a reset page and on an invitation page
    reset = await post_form(
        client,
        f"/account/reset/{TOKEN}",
        {"newPassword": "Kiebitz-Laterne-93", "newPasswordAgain": "Kiebitz-Laterne-39"},
    )
    invitation = await post_form(
        client,
        f"/account/invitation/{TOKEN}",
        {"name": "Mia Muster", "password": "", "passwordAgain": ""},
    )
    # then each form comes back with the problem at its field, the name kept, and no session begun
    assert reset.status_code == invitation.status_code == 400
    assert 'href="#f-newPasswordAgain">Geben Sie zweimal dasselbe Passwort ein</a>' in reset.text
    assert 'href="#f-password">Geben Sie ein Passwort ein</a>' in invitation.text
    assert 'value="Mia Muster"' in invitation.text
    assert "kipnet_session" not in client.cookies
    assert await User.all().count() == 0


@pytest.mark.parametrize(
    "path",
    ["/account/details", "/account/invite", "/admin/users", "/admin/users/invite", "/admin/users/VXNlcjox"],
)
async def test_anonymous_visitors_are_sent_to_sign_in(db: str, client: httpx.AsyncClient, path: str) -> None:
    # when an anonymous visitor asks for a page that needs an account
    found = await client.get(path)
    # then the visitor is sent to sign in and comes back here after
    assert (found.status_code, found.headers["location"]) == (303, f"/sign-in?next={path}")


async def test_only_administrators_get_the_users_pages(db: str, client: httpx.AsyncClient) -> None:
    # given a signed-in reviewer
    await people()
    await sign_in(client, REVIEWER, PASSWORD)
    # when the reviewer asks for the users pages and forces their forms
    pages = [
        await client.get(path) for path in ("/admin/users", "/admin/users/invite", "/admin/users/VXNlcjox")
    ]
    invited = await post_form(
        client, "/admin/users/invite", {"email": "new@example.org", "role": "ADMIN"}, form_page="/account"
    )
    changed = [
        await post_form(client, f"/admin/users/VXNlcjox/{action}", fields, form_page="/account")
        for action, fields in (
            ("role", {"role": "ADMIN"}),
            ("active", {"active": "false"}),
            ("invitation", {}),
        )
    ]
    # then none of them exists for the reviewer, and nobody was invited or changed
    assert [found.status_code for found in [*pages, invited, *changed]] == [404] * 7
    assert sorted(await User.all().values_list("email", "role", "is_active")) == [
        (ADMIN, Role.ADMIN, True),
        (APPLICANT, Role.APPLICANT, True),
        (REVIEWER, Role.REVIEWER, True),
    ]


async def test_an_administrator_gets_the_invitation_form_with_every_organisation(
    db: str, client: httpx.AsyncClient
) -> None:
    # given a signed-in administrator
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    # when the administration and the invitation form are opened
    administration = await client.get("/admin")
    form = await client.get("/admin/users/invite")
    # then the administration links to the users, and the form asks for each part of an invitation
    assert '<a href="/admin/users">Benutzerinnen und Benutzer</a>' in administration.text
    assert form.status_code == 200
    assert '<option value="APPLICANT" selected>Gesuchstellerin</option>' in form.text
    assert '<option value="verein-a">Verein A</option>' in form.text
    assert '<option value="de" selected>Deutsch</option>' in form.text
    assert all(
        f'name="{name}"' in form.text for name in ("email", "role", "organisation", "name", "language")
    )


async def test_only_applicants_invite_colleagues(db: str, client: httpx.AsyncClient) -> None:
    # given an applicant and a reviewer
    await people()
    applicant = client
    await sign_in(applicant, APPLICANT, PASSWORD)
    # when the applicant opens the account page and the invitation form
    account = await applicant.get("/account")
    form = await applicant.get("/account/invite", headers={"accept-language": "it-CH"})
    # then both lead there, the form naming the applicant's organisation
    assert '<a href="/account/invite">Kollegin oder Kollegen einladen</a>' in account.text
    assert '<a href="/account/details">Name und Sprache ändern</a>' in account.text
    assert form.status_code == 200
    assert "per unirsi a Verein A su kipnet" in form.text
    # and when the reviewer asks for the same
    applicant.cookies.clear()
    await sign_in(client, REVIEWER, PASSWORD)
    staff_account = await client.get("/account")
    refused = await client.get("/account/invite")
    # then the reviewer is offered no invitation and finds no such page
    assert "/account/invite" not in staff_account.text
    assert refused.status_code == 404


async def test_an_error_page_on_a_link_keeps_the_token_to_itself(db: str, client: httpx.AsyncClient) -> None:
    # when a form is posted to a reset link without the browser's CSRF token
    expired = await client.post(
        f"/account/reset/{TOKEN}", data={"newPassword": "x"}, headers={"accept": "text/html"}
    )
    # then the "form expired" page carries the token in none of its links
    assert expired.status_code == 403
    assert [href for href in HREF.findall(expired.text) if TOKEN in href] == []
    assert '<a href="/language/fr" lang="fr" hreflang="fr">' in expired.text
