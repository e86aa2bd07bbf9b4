"""The API's refusal paths land on the form's fields: the field named by the path, else its nearest parent, else the form."""

from __future__ import annotations

from web.execute import FieldProblem
from web.forms import Problems, ShownProblem, field_id, field_name

FIELDS = ("title", "budgetLines", "budgetLines.0.amount", "budgetLines.1.amount", "languages")


def refused(*paths: tuple[str, ...]) -> list[FieldProblem]:
    return [FieldProblem(path, f"problem at {'.'.join(path)}", "INVALID") for path in paths]


def test_a_path_naming_a_field_lands_on_it_without_the_input_prefix() -> None:
    shown = Problems.of(refused(("input", "title"), ("input", "budgetLines", "1", "amount")), FIELDS)
    assert shown.shown == (
        ShownProblem("title", "problem at input.title"),
        ShownProblem("budgetLines.1.amount", "problem at input.budgetLines.1.amount"),
    )
    assert shown.of_field("budgetLines.1.amount") == ["problem at input.budgetLines.1.amount"]
    assert shown.of_field("budgetLines.0.amount") == []


def test_a_path_deeper_than_the_form_lands_on_its_nearest_field() -> None:
    # given a refusal of a budget line's description, which this form shows only as the list
    shown = Problems.of(
        refused(("input", "budgetLines", "7", "description"), ("input", "languages", "3")), FIELDS
    )
    # then it is shown at the list, and the language at the languages
    assert [problem.field for problem in shown.shown] == ["budgetLines", "languages"]


def test_a_path_the_form_does_not_know_lands_on_the_form_itself() -> None:
    shown = Problems.of(refused(("input", "version"), ()), FIELDS)
    assert [problem.field for problem in shown.shown] == ["", ""]
    assert [problem.anchor for problem in shown.shown] == ["f-form", "f-form"]


def test_field_names_and_ids() -> None:
    assert field_name(["input", "budgetLines", "2", "amount"]) == "budgetLines.2.amount"
    assert field_name(["email"]) == "email"
    assert field_id("budgetLines.2.amount") == "f-budgetLines-2-amount"
    assert field_id("") == "f-form"


def test_no_problems_is_false_and_names_nothing() -> None:
    assert not Problems()
    assert Problems().of_field("title") == []
