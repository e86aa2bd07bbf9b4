"""What the applicant does next with an application, in words, from what the API answered (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from web.i18n import gettext
from web.labels import N_

COMPLETE = N_("Complete and submit")
ANSWER = N_("Answer the change request")
WAIT_REVIEW = N_("Waiting for review")
IN_REVIEW = N_("Being reviewed")
INTERIM = N_("Submit the interim report")
FINAL = N_("Submit the final report")
REPORT_WAITING = N_("Waiting for the report to be checked")
REPORT_RETURNED = N_("Correct and submit the report again")
LAST_PAYMENT = N_("Waiting for the last payment")
NOTHING = N_("Nothing to do")


def next_step_message(status: str, reports: Sequence[Mapping[str, Any]]) -> str:
    """The English message of the next step for an application in `status` with its `reports`."""
    if status == "DRAFT":
        return COMPLETE
    if status == "CHANGES_REQUESTED":
        return ANSWER
    if status == "SUBMITTED":
        return WAIT_REVIEW
    if status == "IN_REVIEW":
        return IN_REVIEW
    if status != "APPROVED":
        return NOTHING
    if any(report["status"] == "SUBMITTED" for report in reports):
        return REPORT_WAITING
    if reports and reports[-1]["status"] == "RETURNED":
        return REPORT_RETURNED
    if any(r["kind"] == "FINAL" and r["status"] == "ACCEPTED" for r in reports):
        return LAST_PAYMENT
    if not any(report["kind"] == "INTERIM" for report in reports):
        return INTERIM
    return FINAL


def next_step(status: str, reports: Sequence[Mapping[str, Any]]) -> str:
    """The next step in the page's language."""
    return gettext(next_step_message(status, reports))


def report_kind_due(reports: Sequence[Mapping[str, Any]]) -> str:
    """The kind of report to offer first: INTERIM until one was submitted, then FINAL."""
    return "FINAL" if any(report["kind"] == "INTERIM" for report in reports) else "INTERIM"
