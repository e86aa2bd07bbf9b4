"""Pure rules of multilingual text, search folding, slugs and language codes."""

from grants.errors import ErrorCode, Problem
from grants.languages import normalise_language_codes
from grants.text import fold, parse_accept_language, pick, search_document, slugify

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
