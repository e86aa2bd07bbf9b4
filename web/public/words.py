"""The public pages' names for the API's enum values, translated when shown."""

from __future__ import annotations

from web.i18n import gettext
from web.labels import N_

ORGANISATION_KINDS = {
    "FEDERAL_OFFICE": N_("Federal office"),
    "CANTONAL_OFFICE": N_("Cantonal office"),
    "MUNICIPALITY": N_("Municipality"),
    "NGO": N_("Non-governmental organisation"),
    "ASSOCIATION": N_("Association"),
    "FOUNDATION": N_("Foundation"),
    "OTHER": N_("Other"),
}

#: A relationship read from this organisation's side: (it is the source, it is the target).
RELATIONSHIP_PHRASES = {
    "COORDINATES": (N_("coordinates"), N_("is coordinated by")),
    "FUNDS": (N_("funds"), N_("is funded by")),
    "OPERATIONAL_PARTNER": (N_("has as operational partner"), N_("is an operational partner of")),
    "REPORTS_TO": (N_("reports to"), N_("receives reports from")),
    "COOPERATES_WITH": (N_("cooperates with"), N_("cooperates with")),
}

CALL_STATUSES = {
    # own words, not the application statuses' "Open"/"Closed", whose translations differ
    "UPCOMING": N_("Not open yet"),
    "OPEN": N_("Open for applications"),
    "CLOSED": N_("Deadline passed"),
}

REACH_ORDERS = {
    "MONEY_PER_INHABITANT": N_("Money per inhabitant"),
    "FOREIGN_SHARE": N_("Share of foreign nationals"),
    "PROJECTS": N_("Number of projects"),
}


def kind_label(kind: str) -> str:
    """An organisation kind's name in the page's language."""
    message = ORGANISATION_KINDS.get(kind)
    return gettext(message) if message else kind


def relationship_phrase(kind: str, outgoing: bool) -> str:
    """What the relationship says, seen from the organisation whose page it is on."""
    phrases = RELATIONSHIP_PHRASES.get(kind)
    if not phrases:
        return kind
    return gettext(phrases[0] if outgoing else phrases[1])


def call_status(status: str) -> str:
    """A call's status in the page's language."""
    message = CALL_STATUSES.get(status)
    return gettext(message) if message else status
