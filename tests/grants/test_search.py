"""Word search through each backend's index: the same answers as a substring search, kept current."""

from __future__ import annotations

from grants.applications import ApplicationFilter, create_application, list_applications, update_application
from grants.directory.queries import DirectoryFilter, list_organisations
from grants.models import Application, Role
from grants.search import phrase
from tests import factories
from tests.factories import NOW, application_values


async def _found(actor, search: str) -> list[str]:
    page = await list_applications(actor=actor, filter=ApplicationFilter(search=search), first=50, after=None)
    return [application.reference for application in page.items]


def test_a_word_is_one_literal_fts_phrase_whatever_it_holds():
    assert phrase('ab"c') == '"ab""c"'
    assert phrase("NEAR(a b)") == '"NEAR(a b)"'


async def test_search_follows_a_changed_title_and_finds_short_words_and_odd_characters(seeded_db):
    # given: an application whose title changes after it was created
    funding_call = await factories.call()
    await factories.organisation("verein-s")
    lead = await factories.user(Role.APPLICANT, email="s@example.org", organisation="verein-s")
    draft = await create_application(
        actor=lead, values=application_values(funding_call, title="Begegnungscafé am Rhein"), now=NOW
    )
    await update_application(
        actor=lead,
        application_id=draft.id,
        version=draft.version,
        values={"title": 'Sprachtreff "Œuvre" AND NEAR(x) 50% in Ob'},
        now=NOW,
    )
    # when
    found = {
        term: await _found(lead, term)
        for term in (
            "begegnung",
            "sprachtreff",
            "ŒUVRE",
            '"œuvre"',
            "and near(x)",
            "50%",
            "ob",
            "%",
            "o",
            "b_",
        )
    }
    # then: the old title is gone from the index, the new one is there, word by word
    reference = (await Application.get(id=draft.id)).reference
    assert found == {
        "begegnung": [],
        "sprachtreff": [reference],
        "ŒUVRE": [reference],
        '"œuvre"': [reference],
        "and near(x)": [reference],
        "50%": [reference],
        "ob": [reference],
        "%": [reference],
        "o": [reference],
        "b_": [],
    }


async def test_organisation_search_uses_the_index_and_keeps_substrings(seeded_db):
    # given: the seeded directory
    # when
    page = await list_organisations(filter=DirectoryFilter(search="AUSLÄNDERDIENST"), first=10, after=None)
    inner = await list_organisations(filter=DirectoryFilter(search="landerdien"), first=10, after=None)
    # then
    assert [o.slug for o in page.items] == ["ald"]
    assert [o.slug for o in inner.items] == ["ald"]
