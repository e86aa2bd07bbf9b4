"""The organisation form <-> `createOrganisation`/`updateOrganisation` input; pure, no I/O.

Names and descriptions come in four languages. The API answers a missing language with the German
text, so the edit form leaves a language empty when its text is the German one: saving it back would
otherwise store the German text as, say, the French one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from web.i18n import LANGUAGES
from web.labels import N_

KINDS = {
    "NGO": N_("Non-governmental organisation"),
    "ASSOCIATION": N_("Association"),
    "FOUNDATION": N_("Foundation"),
    "MUNICIPALITY": N_("Municipality"),
    "CANTONAL_OFFICE": N_("Cantonal office"),
    "FEDERAL_OFFICE": N_("Federal office"),
    "OTHER": N_("Other"),
}
TEXTS = ("name", "description")
SINGLE = ("slug", "acronym", "phone", "email", "website")
ADDRESS = ("street", "postalCode", "locality", "canton")
#: Every field of the form, by its name (the input's paths), for mapping refusals to fields.
FIELDS = (
    "kind",
    *(f"{text}.{language}" for text in TEXTS for language in LANGUAGES),
    *TEXTS,
    *SINGLE,
    *(f"address.{part}" for part in ADDRESS),
    "address",
    "languages",
    "correspondenceLanguage",
)


def languages_of(text: str) -> list[str]:
    """Language codes written with commas or spaces ("de, ti fr") as a list, lower case."""
    return [code.lower() for code in re.split(r"[\s,;]+", text) if code]


def texts(form: Mapping[str, str], name: str) -> dict[str, str | None]:
    """A text in four languages from fields `<name>.<language>`; an empty one is None."""
    return {language: form.get(f"{name}.{language}", "").strip() or None for language in LANGUAGES}


def organisation_input(form: Mapping[str, str], *, id: str | None = None) -> dict[str, Any]:
    """The input for a new organisation, or (with `id`) the whole record replacing an existing one.

    On a change an emptied field is sent as "" so that the API clears it; on a new one it is left out.
    """
    empty = "" if id else None
    input: dict[str, Any] = {"id": id} if id else {}
    kind = form.get("kind", "")
    input["kind"] = kind if kind in KINDS else None  # None: the API says a new one needs a kind
    input["name"] = texts(form, "name")
    description = texts(form, "description")
    input["description"] = description if any(description.values()) or id else None
    for name in SINGLE:
        input[name] = form.get(name, "").strip() or (None if name == "slug" else empty)
    address = {part: form.get(f"address.{part}", "").strip() or None for part in ADDRESS}
    # All empty: none on a new organisation, unchanged on an existing one (the API needs a locality).
    input["address"] = address if any(address.values()) else None
    input["languages"] = languages_of(form.get("languages", ""))
    if "correspondenceLanguage" in form:
        input["correspondenceLanguage"] = form["correspondenceLanguage"]
    return input


def text_values(record: Mapping[str, Any], name: str) -> dict[str, str]:
    """The fields `<name>.<language>` from a record's `<name>_<language>` aliases.

    A language whose text is the German one is left empty: the API fell back to German for it.
    """
    german = record.get(f"{name}_de") or ""
    values = {}
    for language in LANGUAGES:
        own = record.get(f"{name}_{language}") or ""
        values[f"{name}.{language}"] = own if language == "de" or own != german else ""
    return values


def organisation_values(organisation: Mapping[str, Any]) -> dict[str, str]:
    """The edit form filled from an organisation as `AdminOrganisation` answers it."""
    values: dict[str, str] = {"kind": organisation["kind"]}
    for text in TEXTS:
        values.update(text_values(organisation, text))
    for name in SINGLE:
        values[name] = organisation.get(name) or ""
    address = organisation.get("address") or {}
    for part in ADDRESS:
        values[f"address.{part}"] = address.get(part) or ""
    values["languages"] = ", ".join(organisation.get("languages") or [])
    values["correspondenceLanguage"] = organisation.get("correspondenceLanguage") or "de"
    return values
