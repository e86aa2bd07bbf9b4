"""An event's message on the pages: the amount the domain writes into an award's or a payment's message
is shown as the page's language writes money in Switzerland; any other message is shown as it is."""

from __future__ import annotations

import pytest

from web import i18n


@pytest.mark.parametrize(
    ("language", "shown"),
    [("de", "CHF\u00a030’000.00"), ("fr", "30\u202f000,00\u00a0CHF"), ("it", "CHF\u00a030’000.00")],
)
def test_an_amount_is_written_as_the_language_writes_money(language: str, shown: str) -> None:
    # given a page in the language
    token = i18n.current_language.set(language)
    try:
        # when an award's message (as the domain records it) is shown, then it is in the page's money
        assert i18n.event_message("CHF 30000.00") == shown
    finally:
        i18n.current_language.reset(token)


@pytest.mark.parametrize(
    "message", ["Bitte Budget aufschlüsseln", "CHF 30000.00 statt 35000.00", "Zahlung: CHF 100"]
)
def test_any_other_message_is_shown_as_written(message: str) -> None:
    # given a message a person wrote, also one that mentions an amount, then it is shown unchanged
    assert i18n.event_message(message) == message


def test_no_message_is_shown_as_nothing() -> None:
    assert (i18n.event_message(None), i18n.event_message("")) == ("", "")
