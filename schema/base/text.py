"""Multilingual fields: the `lang` argument wins, then the request's Accept-Language, then German."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry

from grants.text import pick

LANG_DESCRIPTION = "Language of the text (de, fr, it, en); default: Accept-Language, then German."

#: The optional `lang` argument of every multilingual field.
Lang = Annotated[str | None, strawberry.argument(description=LANG_DESCRIPTION)]


def localized(
    texts: Mapping[str, str] | None, lang: str | None, info: strawberry.Info[Any, Any]
) -> str | None:
    """The text in the requested language, falling back to German."""
    preferred = (lang.lower(),) if lang else info.context.languages
    return pick(texts, preferred)
