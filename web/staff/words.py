"""The staff pages' names for the API's enum values (recommendations, budget categories, events)."""

from __future__ import annotations

from babel import Locale

from web.i18n import LOCALES, current_language, gettext
from web.labels import N_

RECOMMENDATIONS = {
    "APPROVE": N_("Approve"),
    "CHANGES": N_("Request changes"),
    "REJECT": N_("Reject"),
}
BUDGET_CATEGORIES = {
    "PERSONNEL": N_("Personnel"),
    "MATERIAL": N_("Material"),
    "PREMISES": N_("Premises"),
    "COMMUNICATION": N_("Communication"),
    "INTERPRETING": N_("Interpreting"),
    "OTHER": N_("Other"),
}
REPORT_KINDS = {"INTERIM": N_("Interim report"), "FINAL": N_("Final report")}
MILESTONES = {"PROJECT_START": N_("At the project's start"), "FINAL_REPORT": N_("After the final report")}
EVENTS = {
    "CREATED": N_("Draft started"),
    "EDITED": N_("Edited"),
    "TRANSITION:SUBMIT": N_("Submitted"),
    "TRANSITION:WITHDRAW": N_("Withdrawn"),
    "TRANSITION:START_REVIEW": N_("Review started"),
    "TRANSITION:REQUEST_CHANGES": N_("Changes requested"),
    "TRANSITION:APPROVE": N_("Approved"),
    "TRANSITION:REJECT": N_("Rejected"),
    "TRANSITION:CLOSE": N_("Closed"),
    "REVIEW_SUBMITTED": N_("Review submitted"),
    "REVIEW_REPLACED": N_("Review replaced"),
    "AWARD": N_("Award made"),
    "TRANCHE_PAID": N_("Tranche paid"),
    "REPORT_SUBMITTED:INTERIM": N_("Interim report submitted"),
    "REPORT_SUBMITTED:FINAL": N_("Final report submitted"),
    "REPORT_ACCEPTED:INTERIM": N_("Interim report accepted"),
    "REPORT_ACCEPTED:FINAL": N_("Final report accepted"),
    "REPORT_RETURNED:INTERIM": N_("Interim report returned"),
    "REPORT_RETURNED:FINAL": N_("Final report returned"),
}


def word(table: dict[str, str], value: str) -> str:
    """The value's name from `table` in the page's language; the raw value if the table lacks it."""
    message = table.get(value)
    return gettext(message) if message else value


def language_name(code: str) -> str:
    """A language's name (ISO 639-1 code, e.g. ti) in the page's language (Tigrinya); the code if unknown."""
    name = Locale.parse(LOCALES[current_language.get()]).languages.get(code)
    return str(name) if name else code
