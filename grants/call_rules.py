"""Pure validation of funding-call input: windows, money, criteria and weights."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from grants.errors import ErrorCode, Problem
from grants.models import FundingCall
from grants.money import check_amount, from_cents, to_cents
from grants.tranches import MILESTONES

MAX_TITLE = 300
WEIGHT_PLACES = Decimal("0.001")


def _problem(message: str, *field: str) -> Problem:
    return Problem(ErrorCode.INVALID, message, field)


def _criteria(raw: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    criteria: list[dict[str, Any]] = []
    problems: list[Problem] = []
    if not raw:
        return [], [_problem("A call needs at least one review criterion", "criteria")]
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = ("criteria", str(index))
        code = str(item.get("code") or "").strip().upper()
        name = str(item.get("name") or "").strip()
        weight = item.get("weight")
        if not code:
            problems.append(_problem("A criterion needs a code", *where, "code"))
        elif code in seen:
            problems.append(_problem(f"The code {code!r} is used twice", *where, "code"))
        seen.add(code)
        if not name:
            problems.append(_problem("A criterion needs a name", *where, "name"))
        if weight is None or not weight > 0:
            problems.append(_problem("A weight must be more than 0", *where, "weight"))
        else:
            criteria.append(
                {"code": code, "name": {"de": name}, "weight": Decimal(str(weight)).quantize(WEIGHT_PLACES)}
            )
    return criteria, problems


def _tranche_plan(raw: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Shares per milestone that add up to 1, paid in the order given."""
    plan: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for index, step in enumerate(raw):
        share, due = Decimal(str(step["share"])), step["due"]
        if not Decimal(0) < share <= Decimal(1):
            problems.append(_problem("A share lies between 0 and 1", "tranche_plan", str(index), "share"))
        if due not in MILESTONES:
            problems.append(
                _problem(f"Use one of {', '.join(MILESTONES)}", "tranche_plan", str(index), "due")
            )
        plan.append({"share": str(share), "due": due})
    if not plan:
        problems.append(_problem("A payment plan needs at least one tranche", "tranche_plan"))
    elif sum(Decimal(step["share"]) for step in plan) != 1:
        problems.append(_problem("The shares must add up to 1", "tranche_plan"))
    return plan, problems


def clean_call(
    values: Mapping[str, Any], *, creating: bool, current: FundingCall | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """Validated call fields; on update, rules that span fields use the current values too."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    if "title" in values or creating:
        title = str(values.get("title") or "").strip()
        if not title:
            problems.append(_problem("A call needs a title", "title"))
        elif len(title) > MAX_TITLE:
            problems.append(_problem(f"At most {MAX_TITLE} characters", "title"))
        clean["title"] = {"de": title}
    if "description" in values:
        description = str(values.get("description") or "").strip()
        clean["description"] = {"de": description} if description else {}
    for key in ("opens_at", "closes_at"):
        if key in values or creating:
            moment = values.get(key)
            if not isinstance(moment, datetime) or moment.tzinfo is None:
                problems.append(_problem("A date and time with a time zone, e.g. 2026-03-01T00:00:00Z", key))
            else:
                clean[key] = moment
    opens = clean.get("opens_at", current.opens_at if current else None)
    closes = clean.get("closes_at", current.closes_at if current else None)
    if opens is not None and closes is not None and closes <= opens:
        problems.append(_problem("The call must close after it opens", "closes_at"))
    for key in ("budget", "max_amount_per_application"):
        money = values.get(key)  # (amount, currency)
        if money is None:
            if creating and key == "budget":
                problems.append(_problem("A call needs a budget", key))
            continue
        given, currency = money
        amount, found = check_amount(given, currency, (key,), positive=True)
        problems += found
        if amount is not None:
            clean[key] = amount
    if "budget" in clean:
        clean["budget_cents"] = to_cents(clean.pop("budget"))
    budget = (
        from_cents(clean["budget_cents"])
        if "budget_cents" in clean
        else (current.budget if current else None)
    )
    maximum = clean.get("max_amount_per_application")
    if budget is not None and maximum is not None and maximum > budget:
        problems.append(
            _problem("The maximum per application exceeds the budget", "max_amount_per_application", "amount")
        )
    if "min_reviews" in values and values["min_reviews"] is not None:
        if values["min_reviews"] < 1:
            problems.append(_problem("At least one review is needed before a decision", "min_reviews"))
        clean["min_reviews"] = values["min_reviews"]
    if values.get("tranche_plan") is not None:
        clean["tranche_plan"], found = _tranche_plan(values["tranche_plan"])
        problems += found
    if creating:
        if not values.get("funding_areas"):
            problems.append(_problem("A call needs at least one funding area", "funding_areas"))
        clean["criteria"], found = _criteria(values.get("criteria"))
        problems += found
    return clean, problems
