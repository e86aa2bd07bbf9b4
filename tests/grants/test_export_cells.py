"""The one rule every text cell of an export passes: nothing a spreadsheet could read as a formula."""

from __future__ import annotations

import pytest

from grants.exports import formula_safe

#: Each character that may start a formula (or hide one), with the ASCII twins' full-width and small forms.
DANGEROUS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\0",
    "＝",
    "＋",
    "－",
    "＠",
    "﹦",
    "﹢",
    "﹣",
    "﹫",
    "−",
    "⁼",
]
LEFT_ALONE = ["", "Deutsch im Quartier", "'=already quoted", " =1+1", "1-2", "#REF!", "Ä=1", "(=1)", "%=1"]


@pytest.mark.parametrize("first", DANGEROUS)
def test_text_that_could_start_a_formula_gets_a_leading_quote(first):
    assert formula_safe(f"{first}SUM(A1:A9)") == f"'{first}SUM(A1:A9)"


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_other_text_is_left_alone(text):
    assert formula_safe(text) == text
