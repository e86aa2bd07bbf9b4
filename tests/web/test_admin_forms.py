"""The admin call forms' mapping: Swiss days to moments, amounts, criteria rows and their error paths."""

from __future__ import annotations

import pytest

from web import i18n
from web.admin import forms
from web.execute import FieldProblem


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.current_language.set("en")


def test_a_window_is_whole_days_in_swiss_time_summer_or_winter() -> None:
    assert forms.day_start("2027-01-01") == "2027-01-01T00:00:00+01:00"
    assert forms.day_end("2027-06-30") == "2027-06-30T23:59:59+02:00"
    assert forms.day_start("1.1.2027") is None
    assert forms.day_end("") is None
    assert forms.local_day("2026-12-31T23:00:00+00:00") == "2027-01-01"
    assert forms.local_day(None) == ""


def test_a_new_call_maps_filled_criteria_rows_and_remembers_where_they_came_from() -> None:
    # given a form with criteria in rows 0 and 2 and Swiss amounts
    form = {
        "programme": "KIP3",
        "title": " Sprache 2027 ",
        "fundingAreas": ["KIP3_LANGUAGE"],
        "opensAt": "2027-01-01",
        "closesAt": "2027-03-31",
        "budget": "200'000",
        "maxAmountPerApplication": "",
        "minReviews": "2",
        "criteria.0.code": "relevance",
        "criteria.0.name": "Relevanz",
        "criteria.0.weight": "2",
        "criteria.2.code": "FEASIBILITY",
        "criteria.2.name": "Machbarkeit",
        "criteria.2.weight": "1,5",
    }
    # when it is mapped
    input, rows, problems = forms.new_call_input(form)
    # then the API gets two criteria, the window in Swiss time, and nothing is wrong yet
    assert problems == []
    assert rows == [0, 2]
    assert input == {
        "programme": "KIP3",
        "title": "Sprache 2027",
        "description": None,
        "fundingAreas": ["KIP3_LANGUAGE"],
        "criteria": [
            {"code": "RELEVANCE", "name": "Relevanz", "weight": 2.0},
            {"code": "FEASIBILITY", "name": "Machbarkeit", "weight": 1.5},
        ],
        "opensAt": "2027-01-01T00:00:00+01:00",
        "closesAt": "2027-03-31T23:59:59+02:00",
        "budget": {"amount": "200000", "currency": "CHF"},
        "maxAmountPerApplication": None,
        "minReviews": 2,
    }


def test_malformed_values_are_problems_at_their_fields_before_the_api_is_asked() -> None:
    form = {
        "opensAt": "morgen",
        "closesAt": "",
        "budget": "",
        "minReviews": "zwei",
        "criteria.1.weight": "schwer",
    }
    _, _, problems = forms.new_call_input(form)
    assert [(".".join(p.path), p.message) for p in problems] == [
        ("input.criteria.1.weight", "Enter the weight as a number, for example 2 or 1.5"),
        ("input.opensAt", "Enter the date as year-month-day, for example 2026-05-31"),
        ("input.closesAt", "Enter the date as year-month-day, for example 2026-05-31"),
        ("input.budget", "Enter the call's budget in francs"),
        ("input.minReviews", "Enter a whole number, for example 2"),
    ]


def test_the_apis_criteria_indexes_go_back_to_the_forms_rows() -> None:
    refused = [
        FieldProblem(("input", "criteria", "1", "code"), "taken", "INVALID"),
        FieldProblem(("input", "title"), "missing", "INVALID"),
        FieldProblem(("input", "criteria"), "too few", "INVALID"),
    ]
    assert [p.path for p in forms.on_form_rows(refused, [0, 3])] == [
        ("input", "criteria", "3", "code"),
        ("input", "title"),
        ("input", "criteria"),
    ]


def test_a_change_sends_what_is_given_and_keeps_the_rest() -> None:
    input, problems = forms.call_changes(
        "Q2FsbDox", {"title": "", "budget": "120000", "closesAt": "2027-06-30"}
    )
    assert problems == []
    assert input == {
        "id": "Q2FsbDox",
        "description": "",
        "closesAt": "2027-06-30T23:59:59+02:00",
        "budget": {"amount": "120000", "currency": "CHF"},
    }
    _, malformed = forms.call_changes("Q2FsbDox", {"budget": "viel"})
    assert [p.path for p in malformed] == [("input", "budget")]


def test_the_edit_form_is_filled_from_the_call() -> None:
    call = {
        "germanTitle": "Deutsch im Alltag",
        "germanDescription": None,
        "opensAt": "2026-02-28T23:00:00+00:00",
        "closesAt": "2026-06-30T21:59:59+00:00",
        "budget": {"amount": "100000.00"},
        "maxAmountPerApplication": None,
        "minReviews": 2,
    }
    assert forms.call_values(call) == {
        "title": "Deutsch im Alltag",
        "description": "",
        "opensAt": "2026-03-01",
        "closesAt": "2026-06-30",
        "budget": "100000.00",
        "maxAmountPerApplication": "",
        "minReviews": "2",
    }


def test_the_tranche_plan_is_one_percentage_paid_at_the_start() -> None:
    problems: list[FieldProblem] = []
    assert forms.tranche_plan({"startShare": "60"}, problems) == [
        {"share": "0.6", "due": "PROJECT_START"},
        {"share": "0.4", "due": "FINAL_REPORT"},
    ]
    assert forms.tranche_plan({"startShare": "100 %"}, problems) == [{"share": "1", "due": "PROJECT_START"}]
    assert forms.tranche_plan({"startShare": ""}, problems) is None
    assert problems == []
    assert forms.tranche_plan({"startShare": "0"}, problems) is None
    assert forms.tranche_plan({"startShare": "viel"}, problems) is None
    assert [p.path for p in problems] == [("input", "startShare"), ("input", "startShare")]
    moved = forms.on_form_rows([FieldProblem(("input", "tranchePlan", "1", "share"), "x", "INVALID")], [])
    assert moved[0].path == ("input", "startShare")


def test_areas_shared_by_phases_are_offered_once() -> None:
    old = [{"code": "COUNSELLING", "name": "Beratung"}]
    new = [{"code": "KIP3_LANGUAGE", "name": "Sprache"}]
    programmes = [
        {"code": "KIP1", "fundingAreas": old},
        {"code": "KIP2", "fundingAreas": old},
        {"code": "KIP3", "fundingAreas": new},
    ]
    assert forms.area_groups(programmes) == [("KIP1, KIP2", old), ("KIP3", new)]
