"""Refusals in the client's language: German, French and Italian from schema/locales/*.po, else English.

A domain Problem carries an English template and its parameters; the template is the catalog key.
Numbers written "{n:,}" are grouped as the language writes them in Switzerland (10’000, 10 000).
A missing or broken translation falls back to English rather than failing the answer.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from grants.errors import Problem

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
#: The languages messages are given in, with the locale that formats their numbers: the Swiss ones,
#: and for English the plain one (10,000), as the templates themselves render.
LOCALES = {"en": "en", "de": "de_CH", "fr": "fr_CH", "it": "it_CH"}
TRANSLATED = ("de", "fr", "it")
DEFAULT = "en"


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr of the language's catalog (only translated entries)."""
    with (LOCALES_DIR / f"{language}.po").open("rb") as file:
        return {str(m.id): str(m.string) for m in read_po(file) if m.id and m.string and not m.fuzzy}


class _Formatter(string.Formatter):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.locale = LOCALES[language]

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "," and isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(format_decimal(value, locale=self.locale))
        return str(super().format_field(value, format_spec))


def message_language(lang: str | None, languages: Sequence[str]) -> str:
    """The language to answer in: `lang` if it is one, else the first of the request's, else English."""
    for candidate in ((lang or "").strip().lower(), *languages):
        if candidate in LOCALES:
            return candidate
    return DEFAULT


def render(problem: Problem, language: str) -> str:
    """The problem's message in `language`."""
    template = catalog(language).get(problem.template, problem.template) if language in TRANSLATED else None
    try:
        return _Formatter(language).format(template or problem.template, **problem.params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return problem.message
