"""The applicant's own directory entry form <-> `updateOrganisation`/`createService`/`updateService`; pure.

Only the fields an applicant keeps are sent (the API refuses the others): contact data, description,
languages and the language of letters of the organisation; names, description and languages of its
services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.admin.organisation_forms import ADDRESS, languages_of, text_values, texts
from web.i18n import LANGUAGES

CONTACT = ("phone", "email", "website")
#: Every field of the entry form, by its name (the input's paths), for mapping refusals to fields.
ENTRY_FIELDS = (
    *(f"description.{language}" for language in LANGUAGES),
    "description",
    *(f"address.{part}" for part in ADDRESS),
    "address",
    *CONTACT,
    "languages",
    "correspondenceLanguage",
)
#: Every field of the service form.
SERVICE_FIELDS = (
    *(f"{text}.{language}" for text in ("name", "description") for language in LANGUAGES),
    "name",
    "description",
    "languages",
)


def entry_input(form: Mapping[str, str], *, id: str) -> dict[str, Any]:
    """`updateOrganisation`'s input from the entry form: the whole entry as the form holds it.

    An emptied field is sent as "" (or null for the address parts), so that the API clears it.
    """
    input: dict[str, Any] = {"id": id, "description": texts(form, "description")}
    for name in CONTACT:
        input[name] = form.get(name, "").strip()
    input["address"] = {part: form.get(f"address.{part}", "").strip() or None for part in ADDRESS}
    input["languages"] = languages_of(form.get("languages", ""))
    if "correspondenceLanguage" in form:
        input["correspondenceLanguage"] = form["correspondenceLanguage"]
    return input


def entry_values(organisation: Mapping[str, Any]) -> dict[str, str]:
    """The entry form filled from the organisation as `OwnOrganisation` answers it."""
    values = text_values(organisation, "description")
    for name in CONTACT:
        values[name] = organisation.get(name) or ""
    address = organisation.get("address") or {}
    for part in ADDRESS:
        values[f"address.{part}"] = address.get(part) or ""
    values["languages"] = ", ".join(organisation.get("languages") or [])
    values["correspondenceLanguage"] = organisation.get("correspondenceLanguage") or "de"
    return values


def own_service_input(form: Mapping[str, str], *, provider: str = "", id: str = "") -> dict[str, Any]:
    """`createService`'s input (for `provider`, the own organisation's slug) or `updateService`'s (`id`)."""
    input: dict[str, Any] = {"id": id} if id else {"provider": provider}
    input["name"] = texts(form, "name")
    description = texts(form, "description")
    input["description"] = description if any(description.values()) or id else None
    input["languages"] = languages_of(form.get("languages", ""))
    return input


def own_service_values(service: Mapping[str, Any]) -> dict[str, str]:
    """The service form filled from a service as `OwnService` answers it."""
    return {
        **text_values(service, "name"),
        **text_values(service, "description"),
        "languages": ", ".join(service.get("languages") or []),
    }
