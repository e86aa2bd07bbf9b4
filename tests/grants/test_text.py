"""Pure rules of multilingual text, search folding, slugs and language codes."""

import pytest

from grants.errors import ErrorCode, Problem
from grants.languages import normalise_language_codes
from grants.text import clean_text, fold, parse_accept_language, pick, search_document, slugify

TEXTS = {"de": "Staatssekretariat für Migration", "fr": "Secrétariat d'État aux migrations"}


def test_pick_prefers_the_requested_language_then_german():
    assert pick(TEXTS, ("fr",)) == "Secrétariat d'État aux migrations"
    assert pick(TEXTS, ("it", "en")) == "Staatssekretariat für Migration"
    assert pick({}, ("fr",)) is None


def test_accept_language_orders_by_quality_and_drops_unknown_languages():
    header = "en;q=0.5, fr-CH, es;q=0.9, it;q=0, de;q=0.7"
    assert parse_accept_language(header) == ("fr", "de", "en")
    assert parse_accept_language(None) == ()
    assert parse_accept_language("x;q=abc, *") == ()


def test_search_document_matches_with_or_without_umlauts():
    document = search_document(["Ausländerdienst Baselland"])
    assert "auslanderdienst" in document
    assert "auslaenderdienst" in document
    assert fold("ÉCOLE Zürich") == "ecole zurich"


def test_slugify_makes_ascii_slugs_from_official_names():
    assert slugify("Aesch (BL)") == "aesch-bl"
    assert slugify("Böckten") == "bockten"
    assert slugify("  Biel-Benken ") == "biel-benken"


def test_language_codes_are_normalised_and_malformed_ones_named_with_their_index():
    codes, problems = normalise_language_codes(["DE", "ti", "xx", "de", "fra"], ("languages",))
    assert codes == ["de", "ti"]
    assert problems == [
        Problem(
            ErrorCode.INVALID,
            '\'xx\' is not an ISO 639-1 language code (e.g. "de", "fr", "ti")',
            ("languages", "2"),
        ),
        Problem(
            ErrorCode.INVALID,
            '\'fra\' is not an ISO 639-1 language code (e.g. "de", "fr", "ti")',
            ("languages", "4"),
        ),
    ]


INVISIBLE_ONLY = [
    "",
    "   ",
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width (non-)joiners, word joiner, BOM
    "\u202e\u202d\u2066\u2069\u200f",  # bidi overrides, isolates, right-to-left mark
    "\u3164\u115f\u2800",  # Hangul filler, Hangul choseong filler, Braille blank
    "\u0301\u0308",  # combining marks with nothing to sit on
    "\u00a0\u2003\t\r\n",
]


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_a_text_of_nothing_visible_is_no_text(text):
    assert clean_text(text) is None


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\u200b Deutsch im Quartier \u200b", "Deutsch im Quartier"),
        ("\u202bሰላም ዓለም\u202c", "ሰላም ዓለም"),  # bidi controls at the ends go
        ("Café\u200bLiestal", "Café\u200bLiestal"),  # inside, nothing is removed
        ("e\u0301", "e\u0301"),  # a combining mark after a letter stays
        ("\u0645\u0631\u062d\u0628\u0627", "\u0645\u0631\u062d\u0628\u0627"),
    ],
)
def test_visible_text_keeps_its_inside_and_loses_invisible_ends(text, clean):
    assert clean_text(text) == clean
