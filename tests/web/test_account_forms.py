"""The account forms' pure parts: passwords typed twice, the users list's filter, invitations' input."""

from __future__ import annotations

import pytest

from web import i18n
from web.account.passwords import password_problems, posted_secret
from web.admin import user_forms
from web.execute import FieldProblem


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.current_language.set("en")


def test_a_password_typed_twice_alike_has_no_problem_and_keeps_its_spaces() -> None:
    assert password_problems(" lang und sicher ", " lang und sicher ", field="password") == []
    assert posted_secret({"password": " lang und sicher "}, "password") == " lang und sicher "
    assert posted_secret({}, "password") == ""


def test_a_missing_or_differing_password_is_a_problem_at_its_field() -> None:
    assert password_problems("", "", field="newPassword") == [
        FieldProblem(("input", "newPassword"), "Enter a password", "INVALID")
    ]
    assert password_problems("abc", "abd", field="password") == [
        FieldProblem(("input", "passwordAgain"), "Enter the same password twice", "INVALID")
    ]


def test_the_problems_are_in_the_page_language() -> None:
    i18n.current_language.set("fr")
    assert [p.message for p in password_problems("a", "b", field="password")] == [
        "Saisissez deux fois le même mot de passe"
    ]


def test_the_users_filter_takes_known_choices_and_ignores_the_rest() -> None:
    # given query parameters from the filter form, one hand-edited
    query = {"role": "APPROVER", "state": "inactive", "search": "  anna   muster ", "organisation": "ald"}
    forged = {"role": "ROOT", "state": "maybe", "search": "", "organisation": ""}
    # then the API's filter holds the known ones, and the form shows what was taken
    assert user_forms.user_filter(query) == (
        {"role": ["APPROVER"], "active": False, "search": "anna muster", "organisation": "ald"},
        {"role": "APPROVER", "state": "inactive", "search": "anna muster", "organisation": "ald"},
    )
    assert user_forms.user_filter(forged) == ({}, {"role": "", "state": "", "search": "", "organisation": ""})
    assert user_forms.user_filter({"search": "x" * 300})[0] == {"search": "x" * 200}


def test_an_invitation_names_an_organisation_for_applicants_only() -> None:
    staff = {
        "email": "rita@example.org",
        "role": "REVIEWER",
        "organisation": "ald",
        "name": "",
        "language": "it",
    }
    applicant = {**staff, "role": "APPLICANT", "name": "Rita"}
    assert user_forms.invite_input(staff) == {
        "email": "rita@example.org",
        "role": "REVIEWER",
        "organisation": None,
        "name": None,
        "language": "it",
    }
    assert user_forms.invite_input(applicant)["organisation"] == "ald"
    assert user_forms.invite_input(applicant)["name"] == "Rita"


def test_inviting_again_repeats_the_account_as_it_is() -> None:
    user = {
        "email": "kim@example.org",
        "role": "APPLICANT",
        "organisation": {"slug": "verein-a", "name": "Verein A"},
        "displayName": "Kim",
        "language": "fr",
    }
    assert user_forms.reinvite_input(user) == {
        "email": "kim@example.org",
        "role": "APPLICANT",
        "organisation": "verein-a",
        "name": "Kim",
        "language": "fr",
    }
    assert (
        user_forms.reinvite_input({**user, "organisation": None, "displayName": ""})["organisation"] is None
    )
