"""Strong passwords, as plain values: zxcvbn's score, personal pieces, and the message a person gets."""

from __future__ import annotations

import pytest

from grants.errors import ErrorCode, Problem
from grants.passwords import PERSONAL, TOO_SHORT, WEAK, password_problems, personal_pieces, weakness
from tests.factories import PASSWORD


def test_personal_pieces_are_the_address_the_name_and_kipnet():
    assert personal_pieces(email="Anna.Muster@verein-xy.ch", name="Anna Muster-Keller") == [
        "anna",
        "anna.muster",
        "keller",
        "kipnet",
        "muster",
    ]


@pytest.mark.parametrize(
    "password",
    [
        PASSWORD,  # the test accounts' password stays good
        "the right passphrase",
        "Glarus-Velo-Trommel-91",
    ],
)
def test_long_uncommon_passwords_pass(password: str):
    assert password_problems(password, personal=personal_pieces(email="lead@ald.ch", name="Lea Meier")) == []


@pytest.mark.parametrize(
    ("password", "template"),
    [
        ("short", TOO_SHORT),
        ("password1234", WEAK["common"]),
        ("qwertyuiopasdf", WEAK["common"]),  # zxcvbn knows keyboard rows as common passwords
        ("aaaaaaaaaaaaaaaa", WEAK["repeat"]),
        ("abcdefghijklmnop", WEAK["sequence"]),
    ],
)
def test_weak_passwords_are_refused_with_a_helpful_message(password: str, template: str):
    # when
    problems = password_problems(password, field=("new_password",))
    # then
    assert [(p.code, p.template, p.field) for p in problems] == [
        (ErrorCode.INVALID, template, ("new_password",))
    ]


@pytest.mark.parametrize(
    "password", ["Lea-Meier-Basel-2026!", "my kipnet password is long", "LEAD@ald-portal-9x"]
)
def test_passwords_holding_the_name_the_address_or_kipnet_are_refused(password: str):
    personal = personal_pieces(email="lead@ald.ch", name="Lea Meier")
    assert password_problems(password, personal=personal) == [
        Problem(ErrorCode.INVALID, PERSONAL, ("password",))
    ]


def test_an_unknown_warning_gets_the_general_advice():
    assert weakness("") == ""
    assert weakness("Something zxcvbn may say one day") == ""
    assert weakness("This is a top-10 common password") == "common"


def test_a_very_long_password_is_estimated_on_its_start_only():
    # a megabyte would keep zxcvbn busy for minutes; the input gate lets 10,000 characters in
    assert password_problems("Glarus-Velo-Trommel-91" * 450) == []
