"""Codes as clients type them: one normalisation for criteria, indicators and funding areas.

Codes are stored upper-case (RELEVANCE, PARTICIPANTS, KIP3_LANGUAGE); a client that sends
"relevance" or " Participants " means the same code, wherever a code comes in.
"""

from __future__ import annotations

import unicodedata


def normalise_code(text: str | None) -> str:
    """`text` as a stored code: compatibility-normalised, trimmed, upper-case ("" for None)."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()
