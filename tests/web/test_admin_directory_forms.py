"""The service and relationship forms' mapping to the API's inputs."""

from __future__ import annotations

import pytest

from web import i18n
from web.admin import directory_forms as forms


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.current_language.set("en")


def test_a_new_service_belongs_to_its_provider_and_leaves_out_what_is_empty() -> None:
    form = {"name.de": " Deutschkurs ", "fundingArea": "", "slug": "", "languages": "de ti"}
    assert forms.service_input(form, provider="verein-a") == {
        "provider": "verein-a",
        "name": {"de": "Deutschkurs", "fr": None, "it": None, "en": None},
        "description": None,
        "fundingArea": None,
        "languages": ["de", "ti"],
    }


def test_a_changed_service_keeps_its_slug_unless_given_and_clears_an_emptied_description() -> None:
    input = forms.service_input({"name.de": "Kurs", "slug": "kurs-a"}, id="U2VydmljZTox")
    assert input["id"] == "U2VydmljZTox"
    assert "provider" not in input
    assert input["slug"] == "kurs-a"
    assert input["description"] == {"de": None, "fr": None, "it": None, "en": None}


def test_a_relationship_needs_a_kind_and_a_real_date() -> None:
    good, none = forms.relationship_input(
        {"target": " verein-b ", "kind": "FUNDS", "since": "2024-01-01"}, source="verein-a"
    )
    bad, problems = forms.relationship_input({"kind": "LOVES", "since": "gestern"}, id="UmVsOjE=")
    assert good == {
        "source": "verein-a",
        "target": "verein-b",
        "kind": "FUNDS",
        "since": "2024-01-01",
        "description": None,
    }
    assert none == []
    assert (bad["id"], bad["kind"], bad["since"]) == ("UmVsOjE=", None, None)
    assert [(".".join(p.path), p.message) for p in problems] == [
        ("input.kind", "Choose the kind of relationship"),
        ("input.since", "Enter the date as year-month-day, for example 2026-05-31"),
    ]


def test_the_forms_are_filled_from_the_records() -> None:
    service = {
        "slug": "kurs",
        "name_de": "Kurs",
        "name_fr": "Cours",
        "name_it": "Kurs",
        "name_en": "Kurs",
        "description_de": None,
        "fundingArea": None,
        "languages": ["de"],
    }
    assert forms.service_values(service) == {
        "name.de": "Kurs",
        "name.fr": "Cours",
        "name.it": "",
        "name.en": "",
        "description.de": "",
        "description.fr": "",
        "description.it": "",
        "description.en": "",
        "slug": "kurs",
        "fundingArea": "",
        "languages": "de",
    }
    relationship = {"kind": "FUNDS", "since": None, "description_de": "Beitrag", "description_fr": "Beitrag"}
    assert forms.relationship_values(relationship) == {
        "kind": "FUNDS",
        "since": "",
        "description.de": "Beitrag",
        "description.fr": "",
        "description.it": "",
        "description.en": "",
    }
