"""Issue 12's account flows through the portal's forms over HTTP, with mail to a real SMTP server.

These need the accounts API (contract/accounts.graphql) that the `accounts` branch builds: each
flow reads its link from the mail the real aiosmtpd server received, at the path the contract
fixes (`/account/invitation/<token>`, `/account/reset/<token>`), and follows it in the portal.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr

import httpx
import pytest

from grants.mailer import SmtpTarget, deliver_due
from grants.models import Role, User
from server.app import create_app
from server.settings import DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.factories import PASSWORD
from tests.mail import Inbox, smtp
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres
__all__ = ["smtp"]  # the fixture, used by name

ADMIN = "admin@example.org"
APPLICANT = "lead@verein-a.example.org"
NEW_PASSWORD = "Kiebitz-Laterne-Fahrrad-93"
LINK = re.compile(r"/account/(invitation|reset)/([A-Za-z0-9_-]{20,})")
USER_LINK = re.compile(r'href="/admin/users/(?!invite")([^"/?]+)"')  # a user's page, not the invite form


@pytest.fixture
async def other(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A second browser on the same app (own cookies)."""
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as http:
        yield http


async def people() -> None:
    """An administrator and an applicant of Verein A."""
    await factories.organisation("verein-a", name="Verein A")
    await factories.user(Role.ADMIN, email=ADMIN)
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-a")


def texts(mail: EmailMessage) -> str:
    """Every text part of a mail, decoded (a link is never split by the transfer encoding here)."""
    return "\n".join(str(part.get_content()) for part in mail.walk() if part.get_content_maintype() == "text")


async def delivered(smtp: tuple[Inbox, SmtpTarget]) -> dict[str, EmailMessage]:
    """Deliver what is due through the real SMTP server; what it received, by recipient."""
    inbox, target = smtp
    await deliver_due(target=target, now=datetime.now(UTC) + timedelta(seconds=1), secret=DEVELOPMENT_SECRET)
    return {parseaddr(str(mail["To"]))[1]: mail for mail in inbox.messages}


def link_in(mail: EmailMessage, kind: str) -> str:
    """The portal path of the mail's link of `kind` (invitation or reset)."""
    found = [match for match in LINK.finditer(texts(mail)) if match.group(1) == kind]
    assert found, f"no {kind} link in the mail"
    return found[0].group(0)


async def test_an_invited_applicant_accepts_in_the_portal_and_is_signed_in(
    db: str, client: httpx.AsyncClient, other: httpx.AsyncClient, smtp: tuple[Inbox, SmtpTarget]
) -> None:
    # given a signed-in administrator
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    # when the administrator invites an applicant of Verein A, in French
    invited = await post_form(
        client,
        "/admin/users/invite",
        {
            "email": "nora@verein-a.example.org",
            "role": "APPLICANT",
            "organisation": "verein-a",
            "name": "",
            "language": "fr",
        },
    )
    mails = await delivered(smtp)
    path = link_in(mails["nora@verein-a.example.org"], "invitation")
    # and the invited person follows the link and sets name and password
    form = await other.get(path)
    accepted = await post_form(
        other, path, {"name": "Nora Neu", "password": NEW_PASSWORD, "passwordAgain": NEW_PASSWORD}
    )
    account = await other.get("/account")
    # then the invitation went out, and the person is signed in as an applicant of Verein A
    assert (invited.status_code, invited.headers["location"]) == (303, "/admin/users?done=invited")
    assert form.status_code == 200
    assert form.headers["referrer-policy"] == "no-referrer"
    assert (accepted.status_code, accepted.headers["location"]) == (303, "/account?done=welcome")
    assert "Nora Neu" in account.text
    assert "Verein A" in account.text
    # and the administrator finds the new account in the list
    listing = await client.get("/admin/users", params={"search": "nora", "role": "APPLICANT"})
    assert listing.status_code == 200
    assert "nora@verein-a.example.org" in listing.text
    assert "1 Konto" in listing.text


async def test_a_used_invitation_link_is_refused_in_the_error_summary(
    db: str, client: httpx.AsyncClient, other: httpx.AsyncClient, smtp: tuple[Inbox, SmtpTarget]
) -> None:
    # given an invitation accepted once
    await people()
    await sign_in(client, ADMIN, PASSWORD)
    await post_form(
        client, "/admin/users/invite", {"email": "nora@example.org", "role": "REVIEWER", "language": "de"}
    )
    path = link_in((await delivered(smtp))["nora@example.org"], "invitation")
    fields = {"name": "Nora Neu", "password": NEW_PASSWORD, "passwordAgain": NEW_PASSWORD}
    await post_form(other, path, fields)
    other.cookies.clear()
    # when the link is used again
    again = await post_form(other, path, fields)
    # then the form comes back with the refusal and nobody is signed in
    assert again.status_code == 400
    assert "Es gibt ein Problem" in again.text
    assert 'class="error-summary"' in again.text
    assert "kipnet_session" not in other.cookies


async def test_forgot_password_answers_alike_and_the_reset_ends_every_other_session(
    db: str, client: httpx.AsyncClient, other: httpx.AsyncClient, smtp: tuple[Inbox, SmtpTarget]
) -> None:
    # given an applicant signed in on one browser
    await people()
    await sign_in(client, APPLICANT, PASSWORD)
    # when a reset is asked for the applicant's address and for an unknown one, on another browser
    known = await post_form(other, "/account/forgot-password", {"email": APPLICANT})
    unknown = await post_form(other, "/account/forgot-password", {"email": "nobody@example.org"})
    mails = await delivered(smtp)
    # then both get the same answer, and only the account's address a mail
    assert (known.status_code, known.headers["location"]) == (303, "/account/forgot-password/sent")
    assert (unknown.status_code, unknown.headers["location"]) == (303, "/account/forgot-password/sent")
    assert sorted(mails) == [APPLICANT]
    # when the link is followed and a new password set twice
    path = link_in(mails[APPLICANT], "reset")
    reset = await post_form(other, path, {"newPassword": NEW_PASSWORD, "newPasswordAgain": NEW_PASSWORD})
    reused = await post_form(other, path, {"newPassword": NEW_PASSWORD, "newPasswordAgain": NEW_PASSWORD})
    # then this browser is signed in, the link works once only, and the first browser is signed out
    assert (reset.status_code, reset.headers["location"]) == (303, "/account?done=reset")
    assert reused.status_code == 400
    assert 'class="error-summary"' in reused.text
    first = await client.get("/account")
    assert (first.status_code, first.headers["location"]) == (303, "/sign-in?next=/account")
    client.cookies.clear()
    assert (await sign_in(client, APPLICANT, NEW_PASSWORD)).status_code == 303


async def test_an_administrator_deactivates_an_account_and_its_sessions_die(
    db: str, client: httpx.AsyncClient, other: httpx.AsyncClient
) -> None:
    # given an applicant signed in, and an administrator on the applicant's page
    await people()
    await sign_in(other, APPLICANT, PASSWORD)
    await sign_in(client, ADMIN, PASSWORD)
    listing = await client.get("/admin/users", params={"search": "lead@verein-a"})
    ids = USER_LINK.findall(listing.text)
    assert len(ids) == 1
    user_page = f"/admin/users/{ids[0]}"
    # when the administrator deactivates the account, then gives it the reviewer's role
    deactivated = await post_form(client, f"{user_page}/active", {"active": "false"}, form_page=user_page)
    page = await client.get(deactivated.headers["location"])
    # then the account is inactive, its page says so and offers the invitation again, its session is dead
    assert deactivated.status_code == 303
    assert "Das Konto wurde deaktiviert" in page.text
    assert "Einladung erneut senden" in page.text
    assert not (await User.get(email=APPLICANT)).is_active
    signed_out = await other.get("/account")
    assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/sign-in?next=/account")


async def test_an_administrator_changes_a_role(db: str, client: httpx.AsyncClient) -> None:
    # given an administrator and a reviewer's account page
    await people()
    await factories.user(Role.REVIEWER, email="rita@example.org")
    await sign_in(client, ADMIN, PASSWORD)
    ids = USER_LINK.findall((await client.get("/admin/users", params={"role": "REVIEWER"})).text)
    user_page = f"/admin/users/{ids[0]}"
    # when the reviewer is made an approver
    changed = await post_form(client, f"{user_page}/role", {"role": "APPROVER"}, form_page=user_page)
    # then the role changed and the page says so
    assert (changed.status_code, changed.headers["location"]) == (303, f"{user_page}?done=role")
    assert (await User.get(email="rita@example.org")).role == Role.APPROVER


async def test_a_person_changes_their_own_name_and_language(db: str, client: httpx.AsyncClient) -> None:
    # given a signed-in applicant
    await people()
    await sign_in(client, APPLICANT, PASSWORD)
    # when the applicant sets a name and French
    form = await client.get("/account/details")
    saved = await post_form(client, "/account/details", {"name": "Lea Leiterin", "language": "fr"})
    # then both are kept
    assert form.status_code == 200
    assert '<option value="de" selected>Deutsch</option>' in form.text
    assert (saved.status_code, saved.headers["location"]) == (303, "/account?done=details")
    user = await User.get(email=APPLICANT)
    assert (user.display_name, user.language) == ("Lea Leiterin", "fr")


async def test_an_applicant_invites_a_colleague_into_its_organisation(
    db: str, client: httpx.AsyncClient, smtp: tuple[Inbox, SmtpTarget]
) -> None:
    # given a signed-in applicant of Verein A
    await people()
    await sign_in(client, APPLICANT, PASSWORD)
    # when the applicant invites a colleague
    invited = await post_form(
        client, "/account/invite", {"email": "kim@verein-a.example.org", "name": "Kim", "language": "it"}
    )
    mails = await delivered(smtp)
    # then the colleague gets a mail with an invitation link
    assert (invited.status_code, invited.headers["location"]) == (303, "/account?done=invited")
    assert link_in(mails["kim@verein-a.example.org"], "invitation").startswith("/account/invitation/")


@pytest.mark.parametrize("kind", ["reset", "invitation"])
async def test_a_forged_link_is_refused_and_changes_nothing(
    db: str, client: httpx.AsyncClient, kind: str
) -> None:
    # given an applicant, and a link of the right shape that nobody was sent
    await people()
    before = sorted(await User.all().values_list("email", "password_hash", "display_name"))
    path = f"/account/{kind}/q3Zb0r1T6mXk9V2yJcH8pL4sWnE7aD5fGuR0tY1iO2w"
    # when a password is set through it
    fields = {"newPassword": NEW_PASSWORD, "newPasswordAgain": NEW_PASSWORD}
    if kind == "invitation":
        fields = {"name": "Mallory", "password": NEW_PASSWORD, "passwordAgain": NEW_PASSWORD}
    refused = await post_form(client, path, fields)
    # then the form comes back refused, nobody is signed in, and no account changed
    assert refused.status_code == 400
    assert 'class="error-summary"' in refused.text
    assert "kipnet_session" not in client.cookies
    assert sorted(await User.all().values_list("email", "password_hash", "display_name")) == before
