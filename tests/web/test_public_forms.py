"""The directory's GET form ↔ the DirectoryPage variables."""

from __future__ import annotations

from web.public import forms


def test_the_form_values_become_the_filter_and_the_cursor() -> None:
    # given a search with every filter, on a later page
    values = forms.directory_values(
        {"q": "  deutsch ", "kind": "NGO", "language": "ti", "area": "KIP3_LANGUAGE"}
    )
    # when mapped
    variables = forms.directory_variables(values, "cursor-1")
    # then each filter goes where the API expects it, trimmed
    assert values == {"q": "deutsch", "kind": "NGO", "language": "ti", "area": "KIP3_LANGUAGE"}
    assert variables == {
        "filter": {"search": "deutsch", "kind": ["NGO"], "language": "ti", "fundingArea": "KIP3_LANGUAGE"},
        "first": forms.PAGE_SIZE,
        "after": "cursor-1",
    }


def test_an_empty_form_asks_for_the_first_page_of_everyone() -> None:
    # given no parameters, when mapped
    variables = forms.directory_variables(forms.directory_values({}), None)
    # then there is no filter and no cursor
    assert variables == {"filter": None, "first": forms.PAGE_SIZE, "after": None}


def test_unknown_kinds_and_languages_are_dropped_rather_than_refused() -> None:
    # given values no form offers
    values = forms.directory_values({"kind": "SPACESHIP", "language": "xx"})
    # then they count as no filter
    assert (values["kind"], values["language"]) == ("", "")
    assert forms.directory_variables(values, None)["filter"] is None
