"""The language of letters on the portal's own-organisation form and the administrators' form."""

from __future__ import annotations

import httpx
import pytest

from grants.models import AuditRecord, Organisation, Role
from tests import factories
from tests.factories import PASSWORD
from tests.web.portal import post_form, sign_in

pytestmark = pytest.mark.postgres

APPLICANT = "maria@verein-a.ch"
HOME = "/account/organisation"
#: The entry form's other fields as they are, so that only the language of letters changes.
KEEP = {"languages": "", "phone": "", "email": "", "website": ""}


async def test_an_applicant_chooses_french_letters_from_a_translated_select(
    db: str, client: httpx.AsyncClient
) -> None:
    # given an applicant browsing in French
    await factories.organisation("verein-a", name="Verein A")
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-a")
    client.cookies.set("kipnet_lang", "fr")
    await sign_in(client, APPLICANT, PASSWORD)
    # when
    form = await client.get(HOME)
    saved = await post_form(client, HOME, {**KEEP, "correspondenceLanguage": "fr"})
    again = await client.get(HOME)
    # then the select is labelled in French, German chosen until changed, French after
    assert '<label class="label" for="f-correspondenceLanguage">Langue des courriers</label>' in form.text
    assert '<option value="de" selected>Deutsch</option>' in form.text
    assert saved.headers["location"] == f"{HOME}?done=saved"
    assert (await Organisation.get(slug="verein-a")).correspondence_language == "fr"
    assert '<option value="fr" selected>Français</option>' in again.text
    record = await AuditRecord.filter(entity_type="Organisation", actor__email=APPLICANT).get()
    assert record.changes["correspondence_language"] == ["de", "fr"]


async def test_a_forged_language_is_refused_at_the_select_and_nothing_changes(
    db: str, client: httpx.AsyncClient
) -> None:
    # given
    await factories.organisation("verein-a", name="Verein A")
    await factories.user(Role.APPLICANT, email=APPLICANT, organisation="verein-a")
    await sign_in(client, APPLICANT, PASSWORD)
    audits = await AuditRecord.all().count()
    # when
    refused = await post_form(client, HOME, {**KEEP, "correspondenceLanguage": "xx"})
    # then
    assert refused.status_code == 400
    assert 'href="#f-correspondenceLanguage"' in refused.text
    assert (await Organisation.get(slug="verein-a")).correspondence_language == "de"
    assert await AuditRecord.all().count() == audits


async def test_an_administrator_sets_the_language_of_letters_on_the_organisation_form(
    db: str, client: httpx.AsyncClient
) -> None:
    # given
    await factories.organisation("verein-a", name="Verein A", locality="Liestal", postal_code="4410")
    await factories.user(Role.ADMIN, email="admin@kanton.ch")
    await sign_in(client, "admin@kanton.ch", PASSWORD)
    page = "/admin/organisations/verein-a"
    form = await client.get(page)
    # when
    saved = await post_form(
        client,
        page,
        {
            "kind": "NGO",
            "name.de": "Verein A",
            "slug": "verein-a",
            "address.postalCode": "4410",
            "address.locality": "Liestal",
            "correspondenceLanguage": "it",
        },
    )
    # then
    assert '<option value="de" selected>Deutsch</option>' in form.text
    assert saved.status_code == 303, saved.text
    assert (await Organisation.get(slug="verein-a")).correspondence_language == "it"
