"""The application form's pure mappings: posted fields -> mutation input, refusals -> sections and fields."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from web.applications import forms, steps, typed
from web.applications.forms import ActualRow, BudgetRow
from web.applications.sections import edited_rows
from web.execute import FieldProblem
from web.i18n import current_language


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # the form's own messages are shown in English here, as written
    token = current_language.set("en")
    yield
    current_language.reset(token)


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("1250.50", "1250.50"),
        ("1'250.50", "1250.50"),
        ("1’250.50", "1250.50"),
        ("1 250,50", "1250.50"),
        ("CHF 30000", "30000"),
        ("30000 CHF", "30000"),
        ("1250.-", "1250"),
        ("-5", "-5"),  # negative amounts are the API's to refuse, at the field
        ("0.001", "0.001"),  # so are centimes beyond two decimals
    ],
)
def test_amounts_stay_text_as_the_api_reads_them(text: str, sent: str) -> None:
    assert typed.amount_text(text) == sent


@pytest.mark.parametrize("text", ["", "abc", "1e5", "12.3.4", "1,2,3", "1,250", "1" * 16, "NaN", "١٢"])
def test_text_that_is_no_number_is_refused_before_the_api(text: str) -> None:
    assert typed.amount_text(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [("1.8.2026", "2026-08-01"), ("01.08.2026", "2026-08-01"), ("2026-08-01", "2026-08-01")],
)
def test_dates_are_read_as_the_swiss_write_them(text: str, iso: str) -> None:
    assert typed.date_text(text) == iso
    assert typed.swiss_date(iso) == "1.8.2026"


@pytest.mark.parametrize("text", ["31.2.2026", "1/8/2026", "2026-8-1", "tomorrow", "1.8.26"])
def test_unreal_dates_are_refused(text: str) -> None:
    assert typed.date_text(text) is None


def test_the_project_section_maps_to_update_input() -> None:
    form = {
        "title": "Deutsch im Quartier",
        "summary": "",
        "fundingArea": "KIP3_LANGUAGE",
        "projectStart": "1.8.2026",
        "projectEnd": "31.7.2027",
    }
    mapped = forms.project_input(form)
    assert mapped.problems == []
    assert mapped.values == {
        "title": "Deutsch im Quartier",
        "summary": None,  # an empty summary removes it
        "fundingArea": "KIP3_LANGUAGE",
        "projectStart": "2026-08-01",
        "projectEnd": "2027-07-31",
    }


def test_a_project_with_bad_dates_says_so_at_each_field() -> None:
    mapped = forms.project_input({"title": "T", "projectStart": "", "projectEnd": "31.13.2027"})
    assert [(p.path, p.message) for p in mapped.problems] == [
        (("input", "projectStart"), "Enter a date"),
        (("input", "projectEnd"), "Enter a real date, like 1.8.2026"),
    ]
    assert "projectStart" not in mapped.values


def test_places_join_checked_and_typed_languages_once() -> None:
    mapped = forms.places_input(["pratteln", "liestal"], ["de", "ti"], "ku, TI; bs")
    assert mapped.values == {"municipalities": ["pratteln", "liestal"], "languages": ["de", "ti", "ku", "bs"]}


def test_budget_rows_leave_out_blank_ones_so_row_numbers_are_the_apis() -> None:
    form = {
        "budgetLines.0.category": "PERSONNEL",
        "budgetLines.0.description": "Kursleitung",
        "budgetLines.0.amount": "30'000",
        "budgetLines.1.category": "",
        "budgetLines.1.description": "",
        "budgetLines.1.amount": "",
        "budgetLines.2.category": "PREMISES",
        "budgetLines.2.description": " Raummiete ",
        "budgetLines.2.amount": "12000.50",
    }
    rows = forms.budget_rows(form)
    assert rows == [
        BudgetRow("PERSONNEL", "Kursleitung", "30'000"),
        BudgetRow("PREMISES", "Raummiete", "12000.50"),
    ]
    assert len(forms.budget_rows(form, keep_blank=True)) == 3
    assert forms.budget_input(rows).values == {
        "budgetLines": [
            {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "30000"}},
            {"category": "PREMISES", "description": "Raummiete", "amount": {"amount": "12000.50"}},
        ]
    }
    assert forms.budget_total(rows) == Decimal("42000.50")


def test_budget_problems_name_the_row_and_part() -> None:
    rows = [
        BudgetRow("PERSONNEL", "Kurs", "viel"),
        BudgetRow("BRIBES", "x", ""),
        BudgetRow("OTHER", "y", "5"),
    ]
    mapped = forms.budget_input(rows)
    assert [(".".join(p.path[1:]), p.message) for p in mapped.problems] == [
        ("budgetLines.0.amount", "Enter an amount in francs, like 1250.50"),
        ("budgetLines.1.category", "Choose what the line pays for"),
        ("budgetLines.1.amount", "Enter the line's amount"),
    ]
    assert forms.budget_total(rows) == Decimal("5")  # only the numbers count while typing


def test_adding_and_removing_budget_rows() -> None:
    rows = [BudgetRow("OTHER", "a", "1"), BudgetRow(), BudgetRow("OTHER", "c", "3")]
    assert edited_rows("add", rows) == {"rows": [rows[0], rows[2]], "blank": 2}
    assert edited_rows("remove-2", rows) == {"rows": [rows[0]], "blank": 1}
    assert edited_rows("remove-0", rows) == {"rows": [rows[2]], "blank": 1}
    assert edited_rows("continue", rows) is None
    assert edited_rows("remove-x", rows) is None


def test_funding_amounts_are_required_and_kept_as_text() -> None:
    mapped = forms.funding_input(
        {"ownContribution": "5'000", "thirdPartyFunding": "", "requestedAmount": "x"}
    )
    assert mapped.values == {"ownContribution": {"amount": "5000"}}
    assert [(p.path, p.message) for p in mapped.problems] == [
        (("input", "thirdPartyFunding"), "Enter an amount in francs, 0 if there is none"),
        (("input", "requestedAmount"), "Enter an amount in francs, like 1250.50"),
    ]


def test_report_rows_become_actuals() -> None:
    rows = forms.indicator_rows(
        {
            "actuals.0.indicator": "PARTICIPANTS",
            "actuals.0.value": "1'064",
            "actuals.1.indicator": "",
            "actuals.1.value": "",
            "actuals.2.indicator": "",
            "actuals.2.value": "4.5",
        }
    )
    assert rows == [ActualRow("PARTICIPANTS", "1'064"), ActualRow("", "4.5")]
    mapped = forms.report_input("QXBw", "FINAL", "Gut", rows)
    assert mapped.values["actuals"] == [{"indicator": "PARTICIPANTS", "value": 1064}]
    assert [".".join(p.path[1:]) for p in mapped.problems] == ["actuals.1.indicator", "actuals.1.value"]


def test_targets_are_indicator_rows_too() -> None:
    rows = forms.indicator_rows({"targets.0.indicator": "PARTICIPANTS", "targets.0.value": "60"}, "targets")
    assert forms.indicator_input("targets", rows).values == {
        "targets": [{"indicator": "PARTICIPANTS", "value": 60}]
    }
    assert forms.indicator_fields("targets", 1) == ["targets", "targets.0.indicator", "targets.0.value"]
    assert forms.section_of("targets.0.value") == "targets"


def test_submission_problems_link_to_their_section_and_field() -> None:
    problems = [
        FieldProblem(("input", "budgetLines"), "The budget needs at least one line", "INVALID"),
        FieldProblem(("input", "requestedAmount", "amount"), "Must be 35000.00", "INVALID"),
        FieldProblem(("input", "budgetLines", "1", "description"), "Each line needs one", "INVALID"),
        FieldProblem(("input", "municipalities", "0"), "'ald' is not a municipality", "INVALID"),
        FieldProblem(("input", "call"), "The call closed", "DEADLINE_PASSED"),
    ]
    linked = forms.linked_problems("KIP-2026-0001", problems)
    assert [(p.href, p.section, p.field) for p in linked] == [
        ("/applications/KIP-2026-0001/budget#f-budgetLines", "budget", "budgetLines"),
        ("/applications/KIP-2026-0001/funding#f-requestedAmount", "funding", "requestedAmount"),
        (
            "/applications/KIP-2026-0001/budget#f-budgetLines-1-description",
            "budget",
            "budgetLines.1.description",
        ),
        ("/applications/KIP-2026-0001/places#f-municipalities", "places", "municipalities"),
        ("#f-form", None, "call"),
    ]
    assert forms.messages_by_answer(linked) == {
        "budgetLines": ["The budget needs at least one line", "Each line needs one"],
        "requestedAmount": ["Must be 35000.00"],
        "municipalities": ["'ald' is not a municipality"],
    }


@pytest.mark.parametrize(
    ("status", "reports", "step"),
    [
        ("DRAFT", [], "Complete and submit"),
        ("CHANGES_REQUESTED", [], "Answer the change request"),
        ("SUBMITTED", [], "Waiting for review"),
        ("IN_REVIEW", [], "Being reviewed"),
        ("APPROVED", [], "Submit the interim report"),
        ("APPROVED", [{"kind": "INTERIM", "status": "SUBMITTED"}], "Waiting for the report to be checked"),
        ("APPROVED", [{"kind": "INTERIM", "status": "RETURNED"}], "Correct and submit the report again"),
        ("APPROVED", [{"kind": "INTERIM", "status": "ACCEPTED"}], "Submit the final report"),
        ("APPROVED", [{"kind": "FINAL", "status": "ACCEPTED"}], "Waiting for the last payment"),
        ("REJECTED", [], "Nothing to do"),
        ("WITHDRAWN", [], "Nothing to do"),
    ],
)
def test_the_next_step_in_words(status: str, reports: list[dict[str, str]], step: str) -> None:
    assert steps.next_step(status, reports) == step
