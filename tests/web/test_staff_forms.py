"""The staff forms' mapping to the API's variables, and the reasons a decision is not possible."""

from __future__ import annotations

from typing import Any

import pytest

from web import i18n
from web.execute import FieldProblem
from web.staff import forms
from web.staff.words import language_name

AREAS = ("KIP3_LANGUAGE", "COUNSELLING")
CALLS = {"CALL-2026-01": "Q2FsbDox"}


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.current_language.set("en")


def test_the_queue_keeps_what_it_offers_and_ignores_anything_else() -> None:
    # given a query with good values, spaces, and values the queue does not offer
    params = {
        "call": "CALL-2026-01",
        "status": "DRAFT",
        "area": "KIP3_LANGUAGE",
        "search": "  deutsch   kurs ",
        "sort": "DEADLINE",
        "direction": "sideways",
        "after": "abc",
    }
    # when it is read
    choice = forms.queue_choice(params, AREAS)
    # then drafts and unknown directions fall back to the defaults
    assert choice == forms.QueueChoice(
        call="CALL-2026-01",
        status="",
        area="KIP3_LANGUAGE",
        search="deutsch kurs",
        sort="DEADLINE",
        direction="ASC",
        after="abc",
    )


def test_the_queue_asks_the_api_for_one_bounded_page_of_the_filtered_list() -> None:
    choice = forms.QueueChoice(
        call="CALL-2026-01",
        status="IN_REVIEW",
        area="COUNSELLING",
        search="kurs",
        sort="STATUS",
        direction="DESC",
        after="c1",
    )
    assert forms.queue_variables(choice, CALLS) == {
        "filter": {
            "status": ["IN_REVIEW"],
            "call": "Q2FsbDox",
            "fundingArea": "COUNSELLING",
            "search": "kurs",
        },
        "first": forms.PAGE_SIZE,
        "after": "c1",
        "orderBy": {"field": "STATUS", "direction": "DESC"},
    }
    assert forms.queue_variables(forms.QueueChoice(call="CALL-1999-01"), CALLS) == {
        "filter": {},
        "first": forms.PAGE_SIZE,
        "after": None,
        "orderBy": {"field": "SUBMITTED_AT", "direction": "ASC"},
    }
    assert forms.PAGE_SIZE <= 50


def test_the_download_is_narrowed_like_the_queue_in_the_exports_own_words() -> None:
    choice = forms.QueueChoice(
        call="CALL-2026-01", status="APPROVED", area="COUNSELLING", search="Kurs & Treff"
    )
    assert forms.export_query(choice, CALLS) == (
        "status=APPROVED&fundingArea=COUNSELLING&search=Kurs+%26+Treff&call=CALL-2026-01"
    )
    assert forms.export_query(forms.QueueChoice(), CALLS) == ""


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12000", "12000"),
        ("30'000.50", "30000.50"),
        ("30’000,5", "30000.5"),
        ("CHF 1 250", "1250"),
        ("viel", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_amounts_are_read_as_swiss_people_write_them(text: str, amount: str | None) -> None:
    assert forms.amount_of(text) == amount


def test_a_review_maps_each_criterion_and_names_the_missing_ones() -> None:
    # given a form scoring one of two criteria, with an unknown recommendation
    form = {"scores.RELEVANCE": "4", "scores.FEASIBILITY": "9", "recommendation": "MAYBE", "comment": " gut "}
    # when it is mapped
    input, problems = forms.review_input("QXBwOjE=", ["RELEVANCE", "FEASIBILITY"], form)
    # then the valid score goes to the API, and each gap is a problem at its field
    assert input == {
        "application": "QXBwOjE=",
        "scores": [{"criterion": "RELEVANCE", "score": 4}],
        "recommendation": "",
        "comment": "gut",
    }
    assert problems == [
        FieldProblem(
            ("input", "scores", "FEASIBILITY"), "Choose a score from 0 to 5 for this criterion", "INVALID"
        ),
        FieldProblem(("input", "recommendation"), "Choose what you recommend", "INVALID"),
    ]


def test_a_complete_review_has_no_problems() -> None:
    form = {"scores.RELEVANCE": "0", "scores.FEASIBILITY": "5", "recommendation": "CHANGES"}
    input, problems = forms.review_input("A", ["RELEVANCE", "FEASIBILITY"], form)
    assert problems == []
    assert input["scores"] == [
        {"criterion": "RELEVANCE", "score": 0},
        {"criterion": "FEASIBILITY", "score": 5},
    ]
    assert input["comment"] is None


def test_a_decision_sends_the_amount_only_when_approving() -> None:
    approve, approve_problems = forms.decision_input(
        "A", {"decision": "APPROVE", "amount": "30'000", "conditions": ""}
    )
    reject, reject_problems = forms.decision_input(
        "A", {"decision": "REJECT", "amount": "viel", "message": "Nein"}
    )
    malformed, malformed_problems = forms.decision_input("A", {"decision": "APPROVE", "amount": "viel"})
    assert approve == {
        "application": "A",
        "decision": "APPROVE",
        "conditions": None,
        "message": None,
        "amount": {"amount": "30000", "currency": "CHF"},
    }
    assert approve_problems == reject_problems == []
    assert reject == {"application": "A", "decision": "REJECT", "conditions": None, "message": "Nein"}
    assert "amount" not in malformed
    assert malformed_problems == [
        FieldProblem(
            ("input", "amount"), "Enter the amount in francs, for example 12000 or 12000.50", "INVALID"
        )
    ]
    _, none_chosen = forms.decision_input("A", {})
    assert [p.path for p in none_chosen] == [("input", "decision")]


def test_a_payment_needs_a_real_date() -> None:
    good, no_problems = forms.payment_input("A", {"tranche": "1", "paidOn": "2026-05-31"})
    bad, problems = forms.payment_input("A", {"tranche": "x", "paidOn": "31.5.2026"})
    assert good == {"application": "A", "tranche": 1, "paidOn": "2026-05-31"}
    assert no_problems == []
    assert bad["tranche"] == -1
    assert [p.path for p in problems] == [("input", "paidOn")]


def application(**changes: Any) -> dict[str, Any]:
    """An application as the page's operation answers it: in review, one review by user U1, needing 2."""
    return {
        "status": "IN_REVIEW",
        "viewerCan": {"decide": False},
        "reviews": [{"reviewer": {"id": "U1"}}],
        "call": {"minReviews": 2},
    } | changes


def test_a_decision_not_possible_says_every_reason() -> None:
    reviewer_approver = {"id": "U1", "role": "APPROVER"}
    assert forms.decision_blockers(reviewer_approver, application()) == [
        "Four eyes: you reviewed this application, so another approver decides.",
        "The call needs 2 reviews before a decision; 1 so far.",
    ]
    assert forms.decision_blockers({"id": "U2", "role": "REVIEWER"}, application(status="SUBMITTED")) == [
        "Only an approver decides applications.",
        "Only an application in review can be decided.",
        "The call needs 2 reviews before a decision; 1 so far.",
    ]


@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("en", "The call needs 1 review before a decision; 0 so far."),
        ("de", "Die Ausschreibung verlangt 1 Bewertung vor einem Entscheid; bisher sind es 0."),
        ("fr", "L’appel exige 1 évaluation avant une décision ; il y en a 0 pour l’instant."),
    ],
)
def test_a_call_needing_one_review_says_so_in_the_singular(language: str, reason: str) -> None:
    # given an application in review without reviews, under a call needing one
    i18n.current_language.set(language)
    unreviewed = application(reviews=[], call={"minReviews": 1})
    # when an approver asks why they cannot decide, then the one review is named in the singular
    assert forms.decision_blockers({"id": "U2", "role": "APPROVER"}, unreviewed) == [reason]


def test_no_reasons_when_the_api_says_the_viewer_may_decide() -> None:
    assert (
        forms.decision_blockers({"id": "U2", "role": "APPROVER"}, application(viewerCan={"decide": True}))
        == []
    )
    assert forms.decision_blockers({"id": "U2", "role": "APPROVER"}, application(call={"minReviews": 1})) == [
        "A decision is not possible now."
    ]


def test_the_scoring_form_is_filled_from_the_viewers_earlier_review() -> None:
    review = {
        "scores": [
            {"criterion": {"code": "RELEVANCE"}, "score": 4},
            {"criterion": {"code": "FEASIBILITY"}, "score": 0},
        ],
        "recommendation": "CHANGES",
        "comment": None,
    }
    assert forms.review_values(review) == {
        "scores.RELEVANCE": "4",
        "scores.FEASIBILITY": "0",
        "recommendation": "CHANGES",
        "comment": "",
    }
    assert forms.review_values(None) == {}


def test_languages_are_named_in_the_pages_language() -> None:
    i18n.current_language.set("fr")
    assert (language_name("ti"), language_name("de"), language_name("xx")) == ("tigrigna", "allemand", "xx")
