"""Multilingual text and search normalisation: German is required, fr/it/en optional."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

#: The languages kipnet holds texts in; German first because it is required and the fallback.
TEXT_LANGUAGES: tuple[str, ...] = ("de", "fr", "it", "en")
DEFAULT_LANGUAGE = "de"

Texts = Mapping[str, str]

# German umlauts are folded to the base letter (ä -> a) so that "auslanderdienst" and
# "ausländerdienst" meet; the transliteration "ae" is added as well for users who type it.
_TRANSLITERATIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def pick(texts: Texts | None, languages: Sequence[str]) -> str | None:
    """The text in the first of `languages` that has one, else the German text."""
    if not texts:
        return None
    for language in (*languages, DEFAULT_LANGUAGE):
        value = texts.get(language)
        if value:
            return value
    return None


def parse_accept_language(header: str | None) -> tuple[str, ...]:
    """Known text languages from an Accept-Language header, most preferred first."""
    if not header:
        return ()
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        language = tag.strip().split("-")[0].lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if language in TEXT_LANGUAGES and quality > 0:
            weighted.append((-quality, position, language))
    ordered: list[str] = []
    for _, _, language in sorted(weighted):
        if language not in ordered:
            ordered.append(language)
    return tuple(ordered)


#: Characters that show nothing yet are not whitespace to str.strip(): blank fillers of Hangul and Braille.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
#: Unicode categories that show nothing on their own: controls, format (zero-width, bidi), separators.
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def _invisible(ch: str) -> bool:
    return ch in _FILLERS or unicodedata.category(ch) in _INVISIBLE


def clean_text(text: str | None) -> str | None:
    """`text` without invisible characters at either end, or None if nothing visible is left.

    Spaces, zero-width characters and bidi controls around a text are dropped; inside it they stay
    (right-to-left names need them). A text of nothing but those, or of combining marks alone,
    counts as empty: "\u200b" is no title.
    """
    if text is None:
        return None
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    trimmed = text[start:end]
    shown = any(not _invisible(ch) and unicodedata.category(ch) not in ("Mn", "Me") for ch in trimmed)
    return trimmed if shown else None


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, for matching that ignores case and diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_document(parts: Iterable[str | None]) -> str:
    """One folded string holding every part, with umlauts also spelled out, for substring search."""
    words = " ".join(p for p in parts if p)
    folded = fold(words)
    spelled = fold(words.casefold().translate(_TRANSLITERATIONS))
    return folded if folded == spelled else f"{folded} {spelled}"


def slugify(text: str) -> str:
    """A lower-case ASCII slug: "Aesch (BL)" -> "aesch-bl", "Böckten" -> "bockten"."""
    return _NON_WORD.sub("-", fold(text)).strip("-")


def sort_key(text: str) -> str:
    """The key that orders names alphabetically regardless of case and accents."""
    return fold(text).strip()


def texts_from(values: Mapping[str, str | None]) -> dict[str, str]:
    """Only the known languages with visible text, cleaned (see clean_text)."""
    cleaned = {lang: clean_text(value) for lang, value in values.items() if lang in TEXT_LANGUAGES}
    return {lang: value for lang, value in cleaned.items() if value is not None}
