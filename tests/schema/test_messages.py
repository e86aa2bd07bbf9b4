"""The refusal catalogs (schema/locales/*.po): complete, placeholder-exact, and rendering in every language.

The English templates are found in the source (tests/message_templates.py); each catalog must say
every one of them, with the same placeholders, so that no client gets an English message or, worse,
the English fallback for a translation with a broken placeholder.
"""

from __future__ import annotations

import string
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from babel.messages.pofile import read_po

from grants.errors import ErrorCode, Problem
from schema.base.messages import LOCALES_DIR, TRANSLATED, catalog, render
from tests.message_templates import domain_templates

#: A realistic value for each placeholder name, so that rendered samples read as a client sees them.
SAMPLES: dict[str, Any] = {
    "accounts": 2,
    "address": "info@verein-xy.ch",
    "allowed": "ASSOCIATION, FOUNDATION, MUNICIPALITY",
    "applications": 3,
    "area": "kip3_sport",
    "awarded": Decimal("0.01"),
    "balance": Decimal("42000.00"),
    "category": "TRAVEL",
    "ceiling": 2,
    "choices": "de, fr, it, en",
    "closed": "2026-06-30",
    "code": "participants",
    "criterion": "need",
    "currency": "CHF",
    "current": 4,
    "decided_at": "2026-05-12",
    "depth": 9,
    "email": "info(at)verein-xy.ch",
    "end_year": 2027,
    "first": 500,
    "funding_area": "kip9_space",
    "funding_area_code": "kip3_work",
    "given": "EUR",
    "language": "deu",
    "latest": "2028-06-30",
    "limit": 10000,
    "max_amount": Decimal("50000.00"),
    "max_criteria": 20,
    "max_line_description": 300,
    "max_network_depth": 3,
    "max_page_size": 100,
    "max_score": 5,
    "max_summary": 5000,
    "max_title": 200,
    "max_tranches": 10,
    "max_value": 1000000,
    "max_weight": 100,
    "maximum": Decimal("50000.00"),
    "min_password_length": 12,
    "min_reviews": 2,
    "min_share": Decimal("0.0001"),
    "position": 2,
    "programme": "KIP3",
    "programme_end_year": 2027,
    "programme_start_year": 2024,
    "projects": 1,
    "raw_code": "PARTICIPANTS?",
    "relationships": 4,
    "requested": Decimal("42000.00"),
    "reviews": 1,
    "slug": "verein-xy",
    "start_year": 2024,
    "status": "IN_REVIEW",
    "value": "CLUB",
    "version": 3,
    "wait": 60,
    "year": 2031,
}
TEMPLATES, UNREADABLE = domain_templates()
#: What babel writes into a new catalog's header until someone fills it in.
PLACEHOLDER_MARKS = ("FIRST AUTHOR", "FULL NAME", "EMAIL@ADDRESS", "LL@li.org")


def placeholders(text: str) -> Counter[tuple[str, str | None, str]]:
    """Each {field!conversion:spec} of `text`, counted (the literal text around them does not matter)."""
    return Counter(
        (field, conversion, spec or "")
        for _, field, spec, conversion in string.Formatter().parse(text)
        if field is not None
    )


def sample_problem(template: str) -> Problem:
    """A problem with `template` and a sample value for each of its placeholders."""
    params = {field: SAMPLES.get(field, 12345) for field, _, _ in placeholders(template)}
    return Problem(ErrorCode.INVALID, template, **params)


def test_every_message_site_passes_a_readable_template():
    # given/when: the source scanned for message arguments
    # then: each is a literal template (or a constant holding one) that a catalog can be keyed by
    assert UNREADABLE == []
    assert len(TEMPLATES) > 100


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_header_is_filled_in_and_not_fuzzy(language):
    # given
    with (LOCALES_DIR / f"{language}.po").open("rb") as file:
        po = read_po(file)
    # when
    texts = [po.last_translator, po.language_team, po.header_comment, po.msgid_bugs_address]
    # then: a fuzzy header is ignored by gettext tools, and nothing is left of babel's placeholders
    assert (po.fuzzy, po.last_translator, po.language_team.endswith(", kipnet team")) == (
        False,
        "kipnet team",
        True,
    )
    assert [text for text in texts if any(mark in text for mark in PLACEHOLDER_MARKS)] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_template_has_a_translation(language):
    # given: the translations the API uses (non-empty, not fuzzy)
    translations = catalog(language)
    # when
    missing = sorted(template for template in TEMPLATES if not translations.get(template, "").strip())
    # then
    assert missing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_has_exactly_the_placeholders_of_its_template(language):
    # given
    translations = catalog(language)
    # when: same names, same conversions (!r), same format specs (:,) — in any order
    mismatched = [
        (template, translations[template])
        for template in sorted(TEMPLATES & translations.keys())
        if placeholders(translations[template]) != placeholders(template)
    ]
    # then
    assert mismatched == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_renders_with_sample_parameters(language):
    # given
    translations = catalog(language)
    problems = [sample_problem(template) for template in sorted(TEMPLATES)]
    # when
    rendered = {problem.template: render(problem, language) for problem in problems}
    # then: none fell back to English (render does so when a placeholder breaks) and none kept a brace
    fell_back = [p.template for p in problems if rendered[p.template] == p.message]
    braces = [text for text in rendered.values() if "{" in text or "}" in text]
    assert (fell_back, braces) == ([], [])
    assert sorted(rendered) == sorted(translations.keys() & TEMPLATES)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                "Höchstens 10’000 Zeichen",
                "Ein Gesuch im Status IN_REVIEW kann nicht eingereicht werden",
                "Der Slug 'verein-xy' ist bereits vergeben",
            ],
        ),
        (
            "fr",
            [
                "Au maximum 10\u202f000 caractères",
                "Une demande au statut IN_REVIEW ne peut pas être déposée",
                "Le slug 'verein-xy' est déjà utilisé",
            ],
        ),
        (
            "it",
            [
                "Al massimo 10’000 caratteri",
                "Una domanda nello stato IN_REVIEW non può essere presentata",
                "Lo slug 'verein-xy' è già in uso",
            ],
        ),
    ],
)
def test_numbers_codes_and_quoted_values_render_as_the_language_writes_them(language, expected):
    # given
    templates = [
        "At most {limit:,} characters",
        "An application that is {status} cannot be submitted",
        "The slug {slug!r} is already taken",
    ]
    # when
    rendered = [render(sample_problem(template), language) for template in templates]
    # then: grouped numbers in the Swiss way, status codes and repr-quoted values kept as given
    assert rendered == expected
