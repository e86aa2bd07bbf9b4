"""The users pages' query parameters and forms <-> the API's UserFilter and InviteUserInput (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web.labels import ROLES

#: The choices of the "state" filter: the API's `active` for each.
STATES = {"active": True, "inactive": False}
INVITE_FIELDS = ("email", "role", "organisation", "name", "language")
#: Longest search the list passes on (longer ones are cut, like the directory's).
SEARCH_MAX_LENGTH = 200


def user_filter(query: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The API's filter from the list's query parameters, and the values the filter form shows again.

    Unknown roles and states are ignored rather than refused: they come from hand-edited addresses.
    """
    role = query.get("role", "")
    state = query.get("state", "")
    search = " ".join(query.get("search", "").split())[:SEARCH_MAX_LENGTH]
    organisation = query.get("organisation", "").strip()[:SEARCH_MAX_LENGTH]
    shown = {
        "role": role if role in ROLES else "",
        "state": state if state in STATES else "",
        "search": search,
        "organisation": organisation,
    }
    filter: dict[str, Any] = {}
    if shown["role"]:
        filter["role"] = [shown["role"]]
    if shown["state"]:
        filter["active"] = STATES[shown["state"]]
    if search:
        filter["search"] = search
    if organisation:
        filter["organisation"] = organisation
    return filter, shown


def invite_input(values: Mapping[str, str]) -> dict[str, Any]:
    """The invitation as the API takes it; the organisation only for applicants, empty texts not given."""
    role = values.get("role", "")
    return {
        "email": values.get("email", ""),
        "role": role,
        "organisation": (values.get("organisation") or None) if role == "APPLICANT" else None,
        "name": values.get("name") or None,
        "language": values.get("language") or None,
    }


def reinvite_input(user: Mapping[str, Any]) -> dict[str, Any]:
    """Inviting an account again as it is (a new link replaces the old one)."""
    organisation = user.get("organisation") or {}
    return {
        "email": user["email"],
        "role": user["role"],
        "organisation": organisation.get("slug"),
        "name": user.get("displayName") or None,
        "language": user.get("language") or None,
    }
