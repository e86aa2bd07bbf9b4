"""The admin pages for services and relationships over HTTP: add, change, remove, refusals at fields."""

from __future__ import annotations

import re

import httpx
import pytest

from grants.models import Relationship, RelationshipKind, Role, Service
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

ADMIN = "admin@example.org"
ORGANISATION = "/admin/organisations/verein-a"


def link_to(html: str, prefix: str) -> str:
    """The first link on the page under `prefix`."""
    found = re.search(rf'href="({re.escape(prefix)}[^"]+)"', html)
    assert found, f"no link to {prefix}"
    return found.group(1)


async def two_organisations() -> None:
    await factories.organisation("verein-a", name="Verein A")
    await factories.organisation("verein-b", name="Verein B")
    await factories.user(Role.ADMIN, email=ADMIN)


async def test_an_administrator_adds_changes_and_removes_a_service(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given an organisation and a signed-in administrator
    await two_organisations()
    await sign_in(client, ADMIN, PASSWORD)
    new = f"{ORGANISATION}/services/new"
    # when a service without a German name is sent, then a complete one
    refused = await post_form(client, new, {"name.fr": "Cours", "languages": "de"})
    added = await post_form(
        client, new, {"name.de": "Deutschkurs <A1>", "fundingArea": "KIP3_LANGUAGE", "languages": "de, ti"}
    )
    # then the first is refused at the German name with the input kept; the second is added
    assert refused.status_code == 400
    assert 'href="#f-name-de"' in refused.text
    assert 'value="Cours"' in refused.text
    assert added.headers["location"] == f"{ORGANISATION}?done=service-added"
    service = await Service.get(provider__slug="verein-a")
    assert service.name == {"de": "Deutschkurs <A1>"}
    assert service.languages == ["de", "ti"]
    organisation_page = await client.get(added.headers["location"])
    assert "Das Angebot wurde hinzugefügt." in organisation_page.text
    assert "Deutschkurs &lt;A1&gt;" in organisation_page.text
    # when its page is opened and it is given a French name, then removed
    page = link_to(organisation_page.text, "/admin/services/")
    form = await client.get(page)
    saved = await post_form(
        client,
        page,
        {
            "name.de": "Deutschkurs A1",
            "name.fr": "Cours d'allemand A1",
            "fundingArea": "KIP3_LANGUAGE",
            "slug": service.slug,
            "languages": "de",
        },
    )
    renamed = await Service.get(id=service.id)
    removed = await post_form(client, f"{page}/delete", {}, form_page=page)
    # then the form showed the service, the change is saved, and the service is gone
    assert '<option value="KIP3_LANGUAGE" selected>' in form.text
    assert 'name="name.fr" type="text" value=""' in form.text
    assert saved.headers["location"] == f"{ORGANISATION}?done=service-saved"
    assert renamed.name == {"de": "Deutschkurs A1", "fr": "Cours d'allemand A1"}
    assert renamed.languages == ["de"]
    assert removed.headers["location"] == f"{ORGANISATION}?done=service-deleted"
    assert await Service.filter(id=service.id).count() == 0


async def test_an_administrator_relates_two_organisations(seeded_db: str, client: httpx.AsyncClient) -> None:
    # given two organisations and a signed-in administrator
    await two_organisations()
    await sign_in(client, ADMIN, PASSWORD)
    new = f"{ORGANISATION}/relationships/new"
    # when a relationship to an unknown organisation, with a malformed date, and then a good one are sent
    unknown = await post_form(client, new, {"target": "verein-z", "kind": "FUNDS"})
    malformed = await post_form(client, new, {"target": "verein-b", "kind": "FUNDS", "since": "letztes Jahr"})
    added = await post_form(client, new, {"target": "verein-b", "kind": "FUNDS", "since": "2024-01-01"})
    # then the refusals are at their fields and changed nothing; the good one is added
    assert unknown.status_code == malformed.status_code == 400
    assert 'href="#f-target"' in unknown.text
    assert 'href="#f-since"' in malformed.text
    assert 'value="letztes Jahr"' in malformed.text
    assert added.headers["location"] == f"{ORGANISATION}?done=relationship-added"
    relationship = await Relationship.get(source__slug="verein-a")
    assert (relationship.kind, str(relationship.since)) == (RelationshipKind.FUNDS, "2024-01-01")
    # when it is changed to a cooperation, then removed
    organisation_page = await client.get(ORGANISATION)
    page = link_to(organisation_page.text, "/admin/relationships/")
    changed = await post_form(client, page, {"kind": "COOPERATES_WITH", "since": "2024-01-01"})
    kind_after = (await Relationship.get(id=relationship.id)).kind
    removed = await post_form(client, f"{page}/delete", {}, form_page=page)
    # then both are done
    assert "Finanziert" in organisation_page.text
    assert changed.headers["location"] == f"{ORGANISATION}?done=relationship-saved"
    assert kind_after == RelationshipKind.COOPERATES_WITH
    assert removed.headers["location"] == f"{ORGANISATION}?done=relationship-deleted"
    assert await Relationship.filter(id=relationship.id).count() == 0


async def test_other_roles_cannot_reach_the_directory_forms(
    seeded_db: str, client: httpx.AsyncClient
) -> None:
    # given a service and a reviewer
    await two_organisations()
    await factories.service("verein-a", "deutschkurs")
    await factories.user(Role.REVIEWER, email="reviewer@example.org")
    await sign_in(client, "reviewer@example.org", PASSWORD)
    # when the reviewer opens the forms and forces a new service
    form = await client.get(f"{ORGANISATION}/services/new")
    forced = await post_form(
        client, f"{ORGANISATION}/services/new", {"name.de": "Fremd"}, form_page="/sign-in"
    )
    # then there are no such pages for them and nothing was added
    assert form.status_code == forced.status_code == 404
    assert await Service.filter(provider__slug="verein-a").count() == 1
