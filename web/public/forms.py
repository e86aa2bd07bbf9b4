"""The directory's search form (GET query parameters) ↔ the `organisations` query's variables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: How many organisations one page shows (the API allows up to 100; pages stay short).
PAGE_SIZE = 20

#: The kinds the directory offers as a filter, in the API's order.
KINDS = ("FEDERAL_OFFICE", "CANTONAL_OFFICE", "MUNICIPALITY", "NGO", "ASSOCIATION", "FOUNDATION", "OTHER")


def directory_values(params: Mapping[str, str]) -> dict[str, str]:
    """The form's values as the visitor sent them, trimmed; unknown kinds are dropped."""
    values = {name: (params.get(name) or "").strip() for name in ("q", "kind", "language", "area")}
    if values["kind"] not in KINDS:
        values["kind"] = ""
    # the API refuses a code that is not ISO 639-1; the form only offers known ones
    if values["language"] not in LANGUAGES:
        values["language"] = ""
    return values


def directory_variables(values: Mapping[str, str], after: str | None) -> dict[str, Any]:
    """The `DirectoryPage` variables for the form's values and the page's cursor."""
    filter_: dict[str, Any] = {}
    if values.get("q"):
        filter_["search"] = values["q"]
    if values.get("kind"):
        filter_["kind"] = [values["kind"]]
    if values.get("language"):
        filter_["language"] = values["language"]
    if values.get("area"):
        filter_["fundingArea"] = values["area"]
    return {"filter": filter_ or None, "first": PAGE_SIZE, "after": after or None}


#: Languages the directory offers as a filter: the network's own ones (ISO 639-1).
LANGUAGES = ("ar", "de", "en", "es", "fa", "fr", "it", "pt", "sq", "sr", "ta", "ti", "tr")
