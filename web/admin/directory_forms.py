"""The service and relationship forms <-> their create/update inputs; pure, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from web.admin.organisation_forms import languages_of, text_values, texts
from web.execute import FieldProblem
from web.i18n import LANGUAGES, gettext
from web.labels import N_
from web.staff.forms import DATE_MALFORMED

RELATIONSHIP_KINDS = {
    "COOPERATES_WITH": N_("Cooperates with"),
    "OPERATIONAL_PARTNER": N_("Operational partner of"),
    "COORDINATES": N_("Coordinates"),
    "FUNDS": N_("Funds"),
    "REPORTS_TO": N_("Reports to"),
    "MEMBER_OF": N_("Member of"),
}
SERVICE_FIELDS = (
    *(f"{text}.{language}" for text in ("name", "description") for language in LANGUAGES),
    "name",
    "description",
    "slug",
    "fundingArea",
    "languages",
)
RELATIONSHIP_FIELDS = (
    "target",
    "kind",
    "since",
    "description",
    *(f"description.{language}" for language in LANGUAGES),
)


def service_input(form: Mapping[str, str], *, provider: str = "", id: str = "") -> dict[str, Any]:
    """`createService`'s input (with `provider`, a slug) or `updateService`'s (with `id`)."""
    input: dict[str, Any] = {"id": id} if id else {"provider": provider}
    input["name"] = texts(form, "name")
    description = texts(form, "description")
    input["description"] = description if any(description.values()) or id else None
    input["fundingArea"] = form.get("fundingArea", "").strip() or None
    if slug := form.get("slug", "").strip():
        input["slug"] = slug
    input["languages"] = languages_of(form.get("languages", ""))
    return input


def service_values(service: Mapping[str, Any]) -> dict[str, str]:
    """The service form filled from a service as `AdminService` answers it."""
    return {
        **text_values(service, "name"),
        **text_values(service, "description"),
        "slug": service["slug"],
        "fundingArea": (service.get("fundingArea") or {}).get("code", ""),
        "languages": ", ".join(service.get("languages") or []),
    }


def _since(form: Mapping[str, str], problems: list[FieldProblem]) -> str | None:
    text = form.get("since", "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        problems.append(FieldProblem(("input", "since"), gettext(DATE_MALFORMED), "INVALID"))
        return None


def relationship_input(
    form: Mapping[str, str], *, source: str = "", id: str = ""
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`createRelationship`'s input (from `source`, a slug) or `updateRelationship`'s (with `id`)."""
    problems: list[FieldProblem] = []
    kind = form.get("kind", "")
    input: dict[str, Any] = {"id": id} if id else {"source": source, "target": form.get("target", "").strip()}
    input["kind"] = kind if kind in RELATIONSHIP_KINDS else None
    if not input["kind"]:
        problems.append(
            FieldProblem(("input", "kind"), gettext(N_("Choose the kind of relationship")), "INVALID")
        )
    input["since"] = _since(form, problems)
    description = texts(form, "description")
    input["description"] = description if any(description.values()) or id else None
    return input, problems


def relationship_values(relationship: Mapping[str, Any]) -> dict[str, str]:
    """The relationship form filled from a relationship as `AdminRelationship` answers it."""
    return {
        "kind": relationship["kind"],
        "since": relationship.get("since") or "",
        **text_values(relationship, "description"),
    }
