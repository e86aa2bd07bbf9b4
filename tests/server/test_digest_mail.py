"""The administrators' digest as a French admin receives it: edits made over HTTP, mail over real SMTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from grants.directory.digest import send_directory_digest
from grants.mailer import deliver_due
from grants.models import AuditRecord, Organisation, OutboxMessage, OutboxStatus, Role
from server.app import create_app
from server.settings import DEVELOPMENT_SECRET, Settings
from tests import factories
from tests.mail import smtp
from tests.server.test_mail_languages import parts

__all__ = ["smtp"]  # the fixture, used by name
PORTAL = "https://portal.kip.test"
# The digest runs once the edit (audited at the wall clock's time) has settled.
SETTLED = timedelta(minutes=5)
LOGIN = "mutation ($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }"
FIND = '{ organisation(slug: "verein-a") { id } }'
UPDATE = """
mutation ($id: ID!, $phone: String!) { updateOrganisation(input: {id: $id, phone: $phone}) { errors { code } } }
"""


@pytest.fixture
def now() -> datetime:
    """The minute the test runs in (taken when it runs: a suite can take longer than the settling)."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


@pytest.fixture
async def http(now):
    app = create_app(Settings(public_url=PORTAL), manage_database=False, clock=lambda: now)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PORTAL) as client:
        yield client


async def test_a_french_admin_gets_the_digest_as_a_french_multipart_mail(db, http, smtp, now):
    # given a French-speaking admin, and an applicant of verein-a who changes its phone over HTTP
    inbox, target = smtp
    await factories.organisation("verein-a")
    await Organisation.filter(slug="verein-a").update(name={"de": "Verein A", "fr": "Association A"})
    await factories.user(Role.ADMIN, email="anne@kanton.example.ch", language="fr")
    applicant = await factories.user(
        Role.APPLICANT, email="lea@verein-a.example.org", organisation="verein-a"
    )
    login = await http.post(
        "/graphql", json={"query": LOGIN, "variables": {"e": applicant.email, "p": factories.PASSWORD}}
    )
    bearer = {"Authorization": f"Bearer {login.json()['data']['login']['token']}"}
    found = await http.post("/graphql", json={"query": FIND}, headers=bearer)
    identifier = found.json()["data"]["organisation"]["id"]
    edited = await http.post(
        "/graphql",
        json={"query": UPDATE, "variables": {"id": identifier, "phone": "061 222 33 44"}},
        headers=bearer,
    )
    assert edited.json() == {"data": {"updateOrganisation": {"errors": []}}}
    # when the digest is written and the outbox delivered
    written = await send_directory_digest(now=now + SETTLED, public_url=PORTAL)
    report = await deliver_due(target=target, now=now + SETTLED, secret=DEVELOPMENT_SECRET)
    # then she reads it in French, as text and as HTML with the edit as a list item
    assert (written, report.sent, report.failed) == (1, 1, 0)
    [mail] = inbox.messages
    assert (mail["To"], mail["Subject"], mail["Content-Language"]) == (
        "anne@kanton.example.ch",
        "Répertoire : 1 modification(s) par des organisations",
        "fr",
    )
    assert mail.get_content_type() == "multipart/alternative"
    text, html = parts(mail)
    who = f"{applicant.display_name} ({applicant.email})"
    audited = (await AuditRecord.get(action="organisation.update")).at
    edit = f"{who}, {audited:%d.%m.%Y %H:%M} UTC : Données modifiées : téléphone"
    assert text == (
        "Bonjour,\n\n"
        "Depuis le dernier récapitulatif, des organisations ont modifié leur fiche dans le répertoire :\n\n"
        f"Association A\n- {edit}\n"
        f"Voir la fiche : {PORTAL}/admin/organisations/verein-a\n\n"
        f"Voir les organisations sur le portail\u00a0:\n{PORTAL}/admin/organisations\n\n"
        "Meilleures salutations\nService de l'intégration de Bâle-Campagne\n"
    )
    assert '<html lang="fr">' in html
    entry = f"{PORTAL}/admin/organisations/verein-a"
    assert (
        f'<p>Association A</p>\n<ul>\n<li>{edit}</li>\n</ul>\n<p>Voir la fiche : <a href="{entry}">' in html
    )
    assert f'<p><a href="{PORTAL}/admin/organisations">Voir les organisations sur le portail</a></p>' in html
    assert await OutboxMessage.filter(kind="DIRECTORY_EDITS", status=OutboxStatus.SENT).count() == 1
