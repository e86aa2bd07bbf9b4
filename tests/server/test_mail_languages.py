"""Mail in the recipient's language over the real app and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage

import httpx
import pytest

from grants.applications import create_application
from grants.mailer import deliver_due
from grants.models import Role
from server.app import create_app
from server.settings import DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.factories import application_values
from tests.mail import smtp

__all__ = ["smtp"]  # the fixture, used by name
PORTAL = "https://portal.kip.test"
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
SUBMIT = """
mutation ($id: ID!) { submitApplication(input: {id: $id}) { application { status } errors { code } } }
"""
FIND = "query ($ref: String!) { application(reference: $ref) { id } }"


@pytest.fixture
async def http():
    app = create_app(Settings(public_url=PORTAL), manage_database=False, clock=lambda: NOW)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as client:
        yield client


def parts(mail: EmailMessage) -> tuple[str, str]:
    text, html = mail.get_body(preferencelist=("plain",)), mail.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    # SMTP carries lines ending in CRLF
    return text.get_content().replace("\r\n", "\n"), html.get_content().replace("\r\n", "\n")


async def test_a_french_applicant_gets_a_french_multipart_mail_linking_to_the_portal(seeded_db, http, smtp):
    # given a French-speaking applicant with a complete draft, and a German-speaking reviewer
    inbox, target = smtp
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(
        Role.APPLICANT, email="lea@verein-a.example.org", organisation="verein-a", language="fr"
    )
    await factories.user(Role.REVIEWER, email="rita@fibl.example.org")
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    login = await http.post(
        "/graphql", json={"query": LOGIN, "variables": {"e": lead.email, "p": factories.PASSWORD}}
    )
    bearer = {"Authorization": f"Bearer {login.json()['data']['login']['token']}"}
    found = await http.post(
        "/graphql", json={"query": FIND, "variables": {"ref": draft.reference}}, headers=bearer
    )
    # when she submits it over HTTP and the outbox is delivered
    answer = await http.post(
        "/graphql",
        json={"query": SUBMIT, "variables": {"id": found.json()["data"]["application"]["id"]}},
        headers=bearer,
    )
    assert answer.json()["data"]["submitApplication"] == {
        "application": {"status": "SUBMITTED"},
        "errors": [],
    }
    report = await deliver_due(target=target, now=NOW, secret=DEVELOPMENT_SECRET)
    # then she reads her receipt in French, as text and HTML, with the link to her application
    assert (report.sent, report.failed) == (2, 0)
    mails = {mail["To"]: mail for mail in inbox.messages}
    receipt = mails["lea@verein-a.example.org"]
    assert receipt["Subject"] == "Accusé de réception KIP-2026-0001"
    assert receipt["Content-Language"] == "fr"
    assert receipt.get_content_type() == "multipart/alternative"
    text, html = parts(receipt)
    link = f"{PORTAL}/applications/KIP-2026-0001"
    assert text.startswith(
        "Bonjour,\n\nVotre demande KIP-2026-0001 « Deutsch im Quartier » nous est parvenue le 01.05.2026."
    )
    assert f"Voir la demande sur le portail\u00a0:\n{link}\n" in text
    assert f'<p><a href="{link}">Voir la demande sur le portail</a></p>' in html
    assert '<html lang="fr">' in html
    # and the reviewer reads the news in German, linking to the staff page
    news = mails["rita@fibl.example.org"]
    assert (news["Subject"], news["Content-Language"]) == ("Neues Gesuch KIP-2026-0001", "de")
    assert f"Gesuch im Portal beurteilen:\n{PORTAL}/staff/applications/KIP-2026-0001\n" in parts(news)[0]


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_the_linked_pages_are_the_portals_own_behind_its_sign_in(seeded_db, http):
    # given the two pages mails link to, visited by someone not signed in yet
    for path in ("/applications/KIP-2026-0001", "/staff/applications/KIP-2026-0001"):
        # when
        answer = await http.get(path)
        # then the portal asks to sign in and comes back to the page afterwards
        assert (answer.status_code, answer.headers["location"]) == (303, f"/sign-in?next={path}"), path
