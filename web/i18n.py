"""The page's language and its words: choice (cookie, Accept-Language), gettext catalogs, CHF and dates.

The portal is written in English; web/locales/<lang>/<area>.po translate it into German (the
default language), French and Italian, one catalog per area so that areas change independently.
Numbers, money and dates are written as each language writes them in Switzerland (CLDR via Babel).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import format_date, format_datetime, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations
from babel.units import format_unit

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("de", "fr", "it", "en")
DEFAULT_LANGUAGE = "de"
TRANSLATED = ("de", "fr", "it")
#: The Swiss locale each language formats with.
LOCALES = {"de": "de_CH", "fr": "fr_CH", "it": "it_CH", "en": "en_CH"}
#: Each language's name in itself, for the language switch.
NATIVE_NAMES = {"de": "Deutsch", "fr": "Français", "it": "Italiano", "en": "English"}
COOKIE = "kipnet_lang"

#: The language of the page being rendered (set per request by web.render).
current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The visitor's language: the remembered choice, else the best of Accept-Language, else German."""
    if cookie in LANGUAGES:
        return cookie
    for candidate in _accepted(accept_language or ""):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def _accepted(header: str) -> list[str]:
    """The primary language tags of an Accept-Language header, highest quality first."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, position, tag.split("-")[0].strip().lower()))
    return [tag for _, _, tag in sorted(weighted)]


def language_order(language: str) -> tuple[str, ...]:
    """The languages asked of the API: the page's, then German as the content fallback."""
    return (language,) if language == DEFAULT_LANGUAGE else (language, DEFAULT_LANGUAGE)


def catalog_files(language: str) -> list[Path]:
    """The language's catalogs, one per area."""
    return sorted((LOCALES_DIR / language).glob("*.po"))


@cache
def translations(language: str) -> NullTranslations:
    """A language's catalogs merged and compiled in memory (fuzzy and empty entries stay English)."""
    if language not in TRANSLATED:
        return NullTranslations()
    merged = Translations()
    for path in catalog_files(language):
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        compiled = BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        merged.merge(Translations(compiled))
    return merged


def gettext(message: str) -> str:
    """`message` in the current page's language."""
    return translations(current_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message in the current page's language."""
    return translations(current_language.get()).ngettext(singular, plural, n)


def _locale() -> str:
    return LOCALES[current_language.get()]


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def money(value: object) -> str:
    """An amount in CHF as the page's language writes it (`CHF 1’234.50`, `1 234,50 CHF`); '' for none."""
    amount = _decimal(value)
    return "" if amount is None else format_currency(amount, "CHF", locale=_locale())


#: An amount as the domain writes it into an event's message (an award, a tranche paid): `CHF 30000.00`.
EVENT_AMOUNT = re.compile(r"CHF (\d+(?:\.\d+)?)")


def event_message(message: str | None) -> str:
    """An event's message for the page: an amount the domain wrote as `CHF 30000.00` as the page's
    language writes it (`CHF 30’000.00`, `30 000,00 CHF`), any other text as it is; '' for none."""
    if not message:
        return ""
    found = EVENT_AMOUNT.fullmatch(message)
    return money(found.group(1)) if found else message


def number(value: object) -> str:
    """A number grouped as the page's language writes it."""
    amount = _decimal(value)
    return "" if amount is None else format_decimal(amount, locale=_locale())


def day(value: object, form: str = "long") -> str:
    """A date (ISO text or date) as the page's language writes it in Switzerland."""
    if value in (None, ""):
        return ""
    parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return format_date(parsed, format=form, locale=_locale())


def moment(value: object) -> str:
    """A point in time (ISO text or datetime, UTC) in Swiss time, as the page's language writes it."""
    if value in (None, ""):
        return ""
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return format_datetime(parsed, format="medium", tzinfo=get_timezone("Europe/Zurich"), locale=_locale())


def local_text(texts: Iterable[dict[str, str]] | dict[str, str] | None) -> str:
    """A multilingual content text in the page's language, German as fallback."""
    if not texts:
        return ""
    mapping = texts if isinstance(texts, dict) else {t["language"]: t["text"] for t in texts}
    for language in language_order(current_language.get()):
        if mapping.get(language):
            return mapping[language]
    return next(iter(mapping.values()), "")


def file_size(size: int) -> str:
    """A file's size as the page's language writes it: `340 kB`, `1.2 MB` (`1,2 Mo` in French)."""
    if size < 1024:
        return format_unit(size, "digital-byte", length="short", locale=_locale())
    if size < 1024 * 1024:
        return format_unit(-(-size // 1024), "digital-kilobyte", length="short", locale=_locale())
    megabytes = Decimal(size) / (1024 * 1024)
    return format_unit(megabytes, "digital-megabyte", length="short", format="#,##0.#", locale=_locale())


def url_path(url: str) -> str:
    """The path (and query) of one of kipnet's own absolute URLs, so a link works on whichever address
    the portal is served (the API writes them on the public address, as mails need them)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def iban(value: object) -> str:
    """An IBAN in groups of four, as a bank statement prints it (the same in every language)."""
    text = str(value or "")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
