"""The organisation form's mapping: four languages, clearing on change, and no German fallback saved."""

from __future__ import annotations

from web.admin import organisation_forms as forms

FORM = {
    "kind": "NGO",
    "name.de": " Verein Brücke ",
    "name.fr": "Association Pont",
    "name.it": "",
    "slug": "",
    "acronym": "",
    "address.locality": "Liestal",
    "address.postalCode": "4410",
    "languages": "de, TI;ar",
}


def test_a_new_organisation_leaves_out_what_is_empty() -> None:
    assert forms.organisation_input(FORM) == {
        "kind": "NGO",
        "name": {"de": "Verein Brücke", "fr": "Association Pont", "it": None, "en": None},
        "description": None,
        "slug": None,
        "acronym": None,
        "phone": None,
        "email": None,
        "website": None,
        "address": {"street": None, "postalCode": "4410", "locality": "Liestal", "canton": None},
        "languages": ["de", "ti", "ar"],
    }


def test_a_change_clears_what_was_emptied_and_refuses_no_kind_silently() -> None:
    input = forms.organisation_input(
        {**FORM, "kind": "BOGUS", "address.locality": "", "address.postalCode": ""}, id="T3JnOjE="
    )
    assert input["id"] == "T3JnOjE="
    assert input["kind"] is None
    assert input["acronym"] == input["phone"] == input["email"] == input["website"] == ""
    assert input["slug"] is None
    assert input["description"] == {"de": None, "fr": None, "it": None, "en": None}
    assert input["address"] is None


def test_the_edit_form_leaves_a_language_empty_where_the_api_fell_back_to_german() -> None:
    organisation = {
        "kind": "NGO",
        "name_de": "Caritas beider Basel",
        "name_fr": "Caritas des deux Bâle",
        "name_it": "Caritas beider Basel",
        "name_en": "Caritas beider Basel",
        "description_de": None,
        "slug": "caritas",
        "acronym": None,
        "address": {"street": None, "postalCode": "4051", "locality": "Basel", "canton": "BS"},
        "languages": ["de", "fr"],
    }
    values = forms.organisation_values(organisation)
    assert (values["name.de"], values["name.fr"], values["name.it"], values["name.en"]) == (
        "Caritas beider Basel",
        "Caritas des deux Bâle",
        "",
        "",
    )
    assert values["description.de"] == ""
    assert values["address.locality"] == "Basel"
    assert values["acronym"] == ""
    assert values["languages"] == "de, fr"
