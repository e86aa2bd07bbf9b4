"""The interface's names for the API's enum values (statuses, roles), translated when shown."""

from __future__ import annotations

from web.i18n import gettext


def N_(message: str) -> str:
    """Mark a message for the catalogs; it is translated where it is shown."""
    return message


APPLICATION_STATUSES = {
    "DRAFT": N_("Draft"),
    "SUBMITTED": N_("Submitted"),
    "IN_REVIEW": N_("In review"),
    "CHANGES_REQUESTED": N_("Changes requested"),
    "APPROVED": N_("Approved"),
    "REJECTED": N_("Rejected"),
    "WITHDRAWN": N_("Withdrawn"),
    "CLOSED": N_("Closed"),
}
ROLES = {
    "APPLICANT": N_("Applicant"),
    "REVIEWER": N_("Reviewer"),
    "APPROVER": N_("Approver"),
    "ADMIN": N_("Administrator"),
}
#: Status values of other enums that share the tag (calls, reports).
OTHER_STATUSES = {
    "OPEN": N_("Open"),
    "CLOSED_CALL": N_("Closed"),
    "PLANNED": N_("Planned"),
    "WAITING": N_("Waiting"),
    "ACCEPTED": N_("Accepted"),
    "RETURNED": N_("Returned"),
    "PAID": N_("Paid"),
    "DUE": N_("Due"),
    "BEING_PAID": N_("With the finance office"),
}


def status_label(status: str) -> str:
    """A status's name in the page's language (the raw value if the portal does not know it)."""
    message = APPLICATION_STATUSES.get(status) or OTHER_STATUSES.get(status)
    return gettext(message) if message else status


def role_label(role: str) -> str:
    """A role's name in the page's language."""
    message = ROLES.get(role)
    return gettext(message) if message else role


#: What a document is for (the API's DocumentKind).
DOCUMENT_KINDS = {
    "PROJECT_DESCRIPTION": N_("Project description"),
    "BUDGET": N_("Detailed budget"),
    "STATUTES": N_("Statutes"),
    "ANNUAL_REPORT": N_("Annual report"),
    "REPORT_ATTACHMENT": N_("Report attachment or receipt"),
    "DECISION_LETTER": N_("Decision letter"),
    "OTHER": N_("Other document"),
}


def document_kind_label(kind: str) -> str:
    """A document kind's name in the page's language."""
    message = DOCUMENT_KINDS.get(kind)
    return gettext(message) if message else kind
