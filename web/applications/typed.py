"""Amounts and dates as people type them in Switzerland, turned into the API's text (pure).

Money stays text: the API's Decimal scalar reads it exactly, and a float never appears.
"""

from __future__ import annotations

import re
from datetime import date

#: What the API's Decimal scalar takes: at most 15 digits before the point and 10 after it.
DECIMAL_TEXT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,10})?")
#: Separators people write inside amounts: apostrophes and (narrow) spaces of thousands.
GROUPING = re.compile(r"[\s'’ʼ\u00a0\u202f]")
#: An amount with a decimal comma, as French and Italian write it.
DECIMAL_COMMA = re.compile(r"-?[0-9]+,[0-9]{1,2}")
SWISS_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def amount_text(text: str) -> str | None:
    """The amount as the API's Decimal text (`1'250.50` and `1250,50` -> `1250.50`), None if no number."""
    cleaned = GROUPING.sub("", text.strip())
    if cleaned.upper().startswith("CHF"):
        cleaned = cleaned[3:]
    if cleaned.upper().endswith("CHF"):
        cleaned = cleaned[:-3]
    if cleaned.endswith((".-", ".–")):
        cleaned = cleaned[:-2]  # the Swiss "1250.-"
    if DECIMAL_COMMA.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")  # "1250,50"; "1,250" stays refused: it could mean either
    return cleaned if DECIMAL_TEXT.fullmatch(cleaned) else None


def date_text(text: str) -> str | None:
    """A date written `1.8.2026` or `2026-08-01` as ISO text, None if it is no real date."""
    text = text.strip()
    swiss, iso = SWISS_DATE.fullmatch(text), ISO_DATE.fullmatch(text)
    try:
        if swiss:
            return date(int(swiss[3]), int(swiss[2]), int(swiss[1])).isoformat()
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
    except ValueError:
        return None
    return None


def swiss_date(iso: str | None) -> str:
    """An ISO date as people type it here (`2026-08-01` -> `1.8.2026`); '' for none."""
    if not iso:
        return ""
    day = date.fromisoformat(iso[:10])
    return f"{day.day}.{day.month}.{day.year}"
