"""Staff forms <-> the API's variables: the queue's GET form, scores, decisions, payments.

Pure functions without I/O. A value the API's scalars would refuse as a whole request (a malformed
amount or date) is caught here and answered as a problem at its field, so the page can show it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from web.execute import FieldProblem
from web.i18n import gettext, ngettext
from web.labels import N_

#: How many applications one page of the queue shows (the API allows at most 100).
PAGE_SIZE = 25
ORDER_FIELDS = ("SUBMITTED_AT", "CREATED_AT", "DEADLINE", "STATUS")
DIRECTIONS = ("ASC", "DESC")
#: Staff never see drafts, so the queue does not offer them as a filter.
QUEUE_STATUSES = (
    "SUBMITTED",
    "IN_REVIEW",
    "CHANGES_REQUESTED",
    "APPROVED",
    "REJECTED",
    "WITHDRAWN",
    "CLOSED",
)
RECOMMENDATIONS = ("APPROVE", "CHANGES", "REJECT")
DECISIONS = ("APPROVE", "REJECT")
SCORES = tuple(range(6))
#: The longest search the queue passes on (the API folds and splits it into words).
MAX_SEARCH = 200

AMOUNT_MALFORMED = N_("Enter the amount in francs, for example 12000 or 12000.50")
DATE_MALFORMED = N_("Enter the date as year-month-day, for example 2026-05-31")
SCORE_MISSING = N_("Choose a score from 0 to 5 for this criterion")


@dataclass(frozen=True, slots=True)
class QueueChoice:
    """What the queue's GET form asks for; unknown values fall back to the defaults."""

    call: str = ""
    status: str = ""
    area: str = ""
    search: str = ""
    sort: str = "SUBMITTED_AT"
    direction: str = "ASC"
    after: str = ""


def queue_choice(params: Mapping[str, str], areas: Sequence[str]) -> QueueChoice:
    """The queue's choice from its query parameters; a value not on offer is ignored, not an error."""

    def pick(name: str, allowed: Sequence[str], default: str = "") -> str:
        value = params.get(name, "")
        return value if value in allowed else default

    return QueueChoice(
        call=params.get("call", "").strip()[:64],
        status=pick("status", QUEUE_STATUSES),
        area=pick("area", areas),
        search=" ".join(params.get("search", "").split())[:MAX_SEARCH],
        sort=pick("sort", ORDER_FIELDS, "SUBMITTED_AT"),
        direction=pick("direction", DIRECTIONS, "ASC"),
        after=params.get("after", "")[:200],
    )


def queue_variables(choice: QueueChoice, call_ids: Mapping[str, str]) -> dict[str, Any]:
    """The `StaffQueue` operation's variables; `call_ids` maps call references to global IDs."""
    filter: dict[str, Any] = {}
    if choice.status:
        filter["status"] = [choice.status]
    if choice.call in call_ids:
        filter["call"] = call_ids[choice.call]
    if choice.area:
        filter["fundingArea"] = choice.area
    if choice.search:
        filter["search"] = choice.search
    return {
        "filter": filter,
        "first": PAGE_SIZE,
        "after": choice.after or None,
        "orderBy": {"field": choice.sort, "direction": choice.direction},
    }


def export_query(choice: QueueChoice, call_ids: Mapping[str, str]) -> str:
    """The query string of the CSV/XLSX download narrowed like the queue (the export's own names)."""
    params: list[tuple[str, str]] = []
    if choice.status:
        params.append(("status", choice.status))
    if choice.area:
        params.append(("fundingArea", choice.area))
    if choice.search:
        params.append(("search", choice.search))
    if choice.call in call_ids:
        params.append(("call", choice.call))
    return urlencode(params)


def _problem(name: str, message: str) -> FieldProblem:
    return FieldProblem(("input", *name.split(".")), gettext(message), "INVALID")


def amount_of(text: str) -> str | None:
    """A money amount as the API takes it ("12000.50"), or None if it is not one.

    Swiss writing is accepted: apostrophes and spaces group thousands, a comma may mark decimals.
    """
    cleaned = text.replace("'", "").replace("’", "").replace(" ", "").replace(",", ".")
    if cleaned.upper().startswith("CHF"):
        cleaned = cleaned[3:]
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return format(amount, "f") if amount.is_finite() else None


def review_input(
    application: str, criteria: Sequence[str], form: Mapping[str, str]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`submitReview`'s input from the scoring form (`scores.<code>`, `recommendation`, `comment`)."""
    scores = []
    problems = []
    for code in criteria:
        value = form.get(f"scores.{code}", "")
        if value.isdigit() and int(value) in SCORES:
            scores.append({"criterion": code, "score": int(value)})
        else:
            problems.append(_problem(f"scores.{code}", SCORE_MISSING))
    recommendation = form.get("recommendation", "")
    input: dict[str, Any] = {
        "application": application,
        "scores": scores,
        "recommendation": recommendation if recommendation in RECOMMENDATIONS else "",
        "comment": form.get("comment", "").strip() or None,
    }
    if not input["recommendation"]:
        problems.append(_problem("recommendation", N_("Choose what you recommend")))
    return input, problems


def decision_input(application: str, form: Mapping[str, str]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`decideApplication`'s input from the decision form; the amount only counts when approving."""
    decision = form.get("decision", "")
    problems = []
    input: dict[str, Any] = {
        "application": application,
        "decision": decision if decision in DECISIONS else "",
        "conditions": form.get("conditions", "").strip() or None,
        "message": form.get("message", "").strip() or None,
    }
    if not input["decision"]:
        problems.append(_problem("decision", N_("Choose whether to approve or reject")))
    elif decision == "APPROVE":
        text = form.get("amount", "").strip()
        if text:
            amount = amount_of(text)
            if amount is None:
                problems.append(_problem("amount", AMOUNT_MALFORMED))
            else:
                input["amount"] = {"amount": amount, "currency": "CHF"}
    return input, problems


def payment_input(application: str, form: Mapping[str, str]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`markTranchePaid`'s input: which tranche (its position) and the day it was paid."""
    position = form.get("tranche", "")
    paid_on = form.get("paidOn", "").strip()
    input: dict[str, Any] = {
        "application": application,
        "tranche": int(position) if position.isdigit() and len(position) < 4 else -1,
        "paidOn": paid_on,
    }
    try:
        date.fromisoformat(paid_on)
    except ValueError:
        return input, [_problem("paidOn", DATE_MALFORMED)]
    return input, []


def decision_blockers(viewer: Mapping[str, Any] | None, application: Mapping[str, Any]) -> list[str]:
    """Why the viewer cannot decide the application now, in the page's language; [] if they can.

    The API's `viewerCan.decide` says whether; this says why, from the same facts the API checks
    (role, status, four eyes, the call's `minReviews`), so the approver knows what is missing.
    """
    if application["viewerCan"]["decide"]:
        return []
    reasons = []
    role = (viewer or {}).get("role")
    if role != "APPROVER":
        reasons.append(gettext(N_("Only an approver decides applications.")))
    if application["status"] != "IN_REVIEW":
        reasons.append(gettext(N_("Only an application in review can be decided.")))
    viewer_id = (viewer or {}).get("id")
    if viewer_id and any((r.get("reviewer") or {}).get("id") == viewer_id for r in application["reviews"]):
        reasons.append(gettext(N_("Four eyes: you reviewed this application, so another approver decides.")))
    have, need = len(application["reviews"]), application["call"]["minReviews"]
    if have < need:
        reasons.append(
            ngettext(
                "The call needs %(need)s review before a decision; %(have)s so far.",
                "The call needs %(need)s reviews before a decision; %(have)s so far.",
                need,
            )
            % {"need": need, "have": have}
        )
    return reasons or [gettext(N_("A decision is not possible now."))]


def review_values(review: Mapping[str, Any] | None) -> dict[str, str]:
    """The scoring form filled from the viewer's earlier review (a new one replaces it); {} if none."""
    if review is None:
        return {}
    values = {f"scores.{s['criterion']['code']}": str(s["score"]) for s in review["scores"]}
    values["recommendation"] = review["recommendation"]
    values["comment"] = review.get("comment") or ""
    return values
