"""An applicant keeps its organisation's entry on the portal: contact data, description, services."""

from __future__ import annotations

import re

import httpx
import pytest

from grants.models import AuditRecord, Organisation, Role, Service
from schema.base.node import to_global_id
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

APPLICANT = "maria@verein-a.ch"
HOME = "/account/organisation"


def link_to(html: str, prefix: str) -> str:
    """The first link on the page under `prefix`."""
    found = re.search(rf'href="({re.escape(prefix)}[^"]+)"', html)
    assert found, f"no link to {prefix}"
    return found.group(1)


async def members() -> None:
    """verein-a with an applicant and a service, verein-b with a service of its own."""
    await factories.organisation("verein-a", name="Verein A")
    await factories.organisation("verein-b", name="Verein B")
    await factories.service("verein-b", "fremd")
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-a")


async def test_an_applicant_changes_its_entry_and_a_bad_address_is_refused_at_its_field(
    db: str, client: httpx.AsyncClient
) -> None:
    # given
    await members()
    await sign_in(client, APPLICANT, PASSWORD)
    account = await client.get("/account")
    # when
    form = await client.get(HOME)
    refused = await post_form(client, HOME, {"email": "keine-adresse", "phone": "061 111 11 11"})
    saved = await post_form(
        client,
        HOME,
        {
            "description.de": "Wir beraten Zugezogene.",
            "description.fr": "Nous conseillons les nouveaux arrivants.",
            "address.street": "Rheinstrasse 1",
            "address.postalCode": "4410",
            "address.locality": "Liestal",
            "address.canton": "BL",
            "phone": "061 111 11 11",
            "email": "info@verein-a.ch",
            "website": "https://verein-a.ch",
            "languages": "de, ti",
        },
    )
    # then
    assert f'href="{HOME}"' in account.text
    assert form.status_code == 200
    assert '<h1 class="heading-l">Verein A</h1>' in form.text
    assert 'name="kind"' not in form.text
    assert 'name="slug"' not in form.text
    assert refused.status_code == 400
    assert 'href="#f-email"' in refused.text
    assert 'value="061 111 11 11"' in refused.text
    assert saved.headers["location"] == f"{HOME}?done=saved"
    own = await Organisation.get(slug="verein-a")
    assert (own.phone, own.email, own.locality, own.languages) == (
        "061 111 11 11",
        "info@verein-a.ch",
        "Liestal",
        ["de", "ti"],
    )
    assert own.description == {
        "de": "Wir beraten Zugezogene.",
        "fr": "Nous conseillons les nouveaux arrivants.",
    }
    assert [
        r.action for r in await AuditRecord.filter(entity_type="Organisation", actor__email=APPLICANT)
    ] == ["organisation.update"]


async def test_an_applicant_adds_changes_and_removes_a_service_but_never_another_organisations(
    db: str, client: httpx.AsyncClient
) -> None:
    # given
    await members()
    foreign = await Service.get(slug="fremd")
    await sign_in(client, APPLICANT, PASSWORD)
    # when
    added = await post_form(client, f"{HOME}/services/new", {"name.de": "Elterncafé", "languages": "de, ar"})
    entry = await client.get(added.headers["location"])
    page = link_to(entry.text, "/account/services/")
    saved = await post_form(client, page, {"name.de": "Elterncafé Liestal", "languages": "de"})
    removed = await post_form(client, f"{page}/delete", {}, form_page=page)
    # then
    assert added.headers["location"] == f"{HOME}?done=service-added"
    assert "Elterncafé" in entry.text
    assert saved.headers["location"] == f"{HOME}?done=service-saved"
    assert removed.headers["location"] == f"{HOME}?done=service-deleted"
    assert await Service.filter(provider__slug="verein-a").count() == 0
    # and: another organisation's service has no page for this applicant
    assert (await client.get(f"/account/services/{to_global_id('Service', foreign.id)}")).status_code == 404
    assert await Service.filter(id=foreign.id).count() == 1


async def test_staff_have_no_own_entry_page_and_strangers_sign_in_first(
    db: str, client: httpx.AsyncClient
) -> None:
    # given
    await factories.user(Role.REVIEWER, email="reviewer@kanton.ch")
    # when
    stranger = await client.get(HOME)
    await sign_in(client, "reviewer@kanton.ch", PASSWORD)
    reviewer = await client.get(HOME)
    # then
    assert stranger.headers["location"] == f"/sign-in?next={HOME}"
    assert reviewer.status_code == 404
