"""The account mails over the real app and a real SMTP server: in the person's language, text + HTML."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from grants import account_links
from grants.mailer import deliver_due
from grants.models import OutboxMessage, OutboxStatus, Role
from server.app import create_app
from server.settings import DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.mail import smtp

__all__ = ["smtp"]  # the fixture, used by name
PORTAL = "https://portal.kip.test"
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
STRONG = "Glarus-Velo-Trommel-91"
LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
REQUEST_RESET = """
mutation ($e: String!) { requestPasswordReset(input: {email: $e}) { errors { field code } } }
"""
RESET = """
mutation ($t: String!, $p: String!) {
  resetPassword(input: {token: $t, newPassword: $p}) { token viewer { email } errors { field code } }
}
"""
INVITE = """
mutation ($input: InviteUserInput!) { inviteUser(input: $input) { user { email language } errors { code } } }
"""
ACCEPT = """
mutation ($input: AcceptInvitationInput!) {
  acceptInvitation(input: $input) { viewer { email active } errors { field code } }
}
"""


@pytest.fixture
async def http():
    app = create_app(Settings(public_url=PORTAL), manage_database=False, clock=lambda: NOW)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as client:
        yield client


async def gql(http: httpx.AsyncClient, query: str, bearer: str | None = None, **variables: Any) -> Any:
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    answer = await http.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    body = answer.json()
    assert (answer.status_code, "errors" in body) == (200, False), body
    return body["data"]


def parts(mail: EmailMessage) -> tuple[str, str]:
    text, html = mail.get_body(preferencelist=("plain",)), mail.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    # SMTP carries lines ending in CRLF
    return text.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


def assert_sealed(row: OutboxMessage, token: str, link: str, path: str) -> None:
    """The row as written: the marker link in both parts, the token in neither, but sealed beside them."""
    assert row.html_body is not None
    assert row.sealed_token is not None
    assert f"{PORTAL}{path}{account_links.MARKER}" in row.body
    assert f"{PORTAL}{path}{account_links.MARKER}" in row.html_body
    for stored in (row.body, row.html_body, row.sealed_token):
        assert token not in stored
        assert link not in stored
    assert account_links.unseal_token(row.sealed_token, DEVELOPMENT_SECRET) == token


async def test_a_french_account_gets_its_reset_mail_in_french_text_and_html_and_the_link_works(
    seeded_db, http, smtp
):
    # given a French-speaking reviewer
    inbox, target = smtp
    await factories.user(Role.REVIEWER, email="rene@fibl.example.org", language="fr")
    # when a reset is asked over HTTP and the outbox is delivered
    asked = await gql(http, REQUEST_RESET, e="rene@fibl.example.org")
    written = await OutboxMessage.get(kind="PASSWORD_RESET")
    report = await deliver_due(target=target, now=NOW, secret=DEVELOPMENT_SECRET)
    # then one French multipart mail arrives, both parts holding the same link to the reset page
    assert asked == {"requestPasswordReset": {"errors": []}}
    assert (report.sent, report.failed, len(inbox.messages)) == (1, 0, 1)
    mail = inbox.messages[0]
    assert (mail["To"], mail["Subject"]) == ("rene@fibl.example.org", "Nouveau mot de passe pour kipnet")
    assert (mail.get_content_type(), mail["Content-Language"]) == ("multipart/alternative", "fr")
    text, html = parts(mail)
    found = re.search(rf"{re.escape(PORTAL)}/account/reset/([A-Za-z0-9_-]{{43}})\n", text)
    assert found is not None
    token = found.group(1)
    link = f"{PORTAL}/account/reset/{token}"
    assert text.startswith(
        "Bonjour,\n\nQuelqu'un a demandé un nouveau mot de passe kipnet pour cette adresse."
    )
    assert "valable 1 heure et une seule fois." in text
    assert text.endswith(
        f"Choisir un nouveau mot de passe\u00a0:\n{link}\n\n"
        "Meilleures salutations\nService de l'intégration de Bâle-Campagne\n"
    )
    assert '<html lang="fr">' in html
    assert "Vous serez ensuite déconnecté partout." in html
    assert f'<p><a href="{link}">Choisir un nouveau mot de passe</a></p>' in html
    # and the outbox row says so too, yet held no working link: a marker, the token only sealed
    assert_sealed(written, token, link, "/account/reset/")
    row = await OutboxMessage.get(kind="PASSWORD_RESET")
    assert (row.language, row.html_body is not None) == ("fr", True)
    # once sent, the sealed token is gone from the row
    assert row.status is OutboxStatus.SENT
    assert row.sealed_token is None
    assert (row.body, row.html_body) == (written.body, written.html_body)
    # when the token sets a new password
    reset = await gql(http, RESET, t=token, p=STRONG)
    # then it signs in, and the new password works
    assert reset["resetPassword"]["errors"] == []
    assert reset["resetPassword"]["viewer"] == {"email": "rene@fibl.example.org"}
    login = await gql(http, LOGIN, e="rene@fibl.example.org", p=STRONG)
    assert login["login"]["token"]


async def test_an_invitation_goes_out_in_the_language_chosen_for_the_invited_person(seeded_db, http, smtp):
    # given a German-speaking administrator, signed in
    inbox, target = smtp
    await factories.user(Role.ADMIN, email="admin@fibl.example.org")
    bearer = (await gql(http, LOGIN, e="admin@fibl.example.org", p=factories.PASSWORD))["login"]["token"]
    # when they invite a reviewer who reads Italian, and the outbox is delivered
    invited = await gql(
        http, INVITE, bearer, input={"email": "gia@fibl.example.org", "role": "REVIEWER", "language": "it"}
    )
    written = await OutboxMessage.get(kind="INVITATION")
    await deliver_due(target=target, now=NOW, secret=DEVELOPMENT_SECRET)
    # then the invitation is Italian, text and HTML, naming the programme office, with the link in both
    assert invited["inviteUser"] == {
        "user": {"email": "gia@fibl.example.org", "language": "it"},
        "errors": [],
    }
    mail = inbox.messages[-1]
    assert (mail["To"], mail["Subject"], mail["Content-Language"]) == (
        "gia@fibl.example.org",
        "Invito a kipnet",
        "it",
    )
    text, html = parts(mail)
    found = re.search(rf"{re.escape(PORTAL)}/account/invitation/([A-Za-z0-9_-]{{43}})\n", text)
    assert found is not None
    link = f"{PORTAL}/account/invitation/{found.group(1)}"
    assert "programma cantonale d'integrazione (Servizio integrazione)." in text
    assert f"Accettare l'invito:\n{link}\n" in text
    assert f'<p><a href="{link}">Accettare l\'invito</a></p>' in html
    # the outbox row held neither the token nor the link, and holds no sealed token after sending
    assert_sealed(written, found.group(1), link, "/account/invitation/")
    sent = await OutboxMessage.get(kind="INVITATION")
    assert sent.status is OutboxStatus.SENT
    assert sent.sealed_token is None
    # when the link is used
    accepted = await gql(http, ACCEPT, input={"token": found.group(1), "password": STRONG})
    # then the account is active
    assert accepted["acceptInvitation"] == {
        "viewer": {"email": "gia@fibl.example.org", "active": True},
        "errors": [],
    }
