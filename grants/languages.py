"""ISO 639-1 language codes: the languages in which partners serve people."""

from __future__ import annotations

from collections.abc import Iterable

from grants.errors import ErrorCode, Problem

#: The 184 two-letter codes of ISO 639-1 (from the ISO 639-2 registration authority's table).
ISO_639_1: frozenset[str] = frozenset({
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
})


def is_language_code(value: str) -> bool:
    """True if `value` is a lower-case ISO 639-1 code such as "de" or "ti"."""
    return value in ISO_639_1


def normalise_language_codes(
    values: Iterable[str], field: tuple[str, ...]
) -> tuple[list[str], list[Problem]]:
    """Lower-cased, de-duplicated codes in input order, and a problem for each malformed one."""
    codes: list[str] = []
    problems: list[Problem] = []
    for index, raw in enumerate(values):
        code = raw.strip().lower()
        if not is_language_code(code):
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    f"{raw!r} is not an ISO 639-1 language code (e.g. \"de\", \"fr\", \"ti\")",
                    (*field, str(index)),
                )
            )
        elif code not in codes:
            codes.append(code)
    return codes, problems
