"""Pure validation of funding-call input: windows, money, criteria and weights."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from grants.codes import normalise_code
from grants.errors import ErrorCode, Problem
from grants.models import FundingCall
from grants.money import check_amount, from_cents, to_cents
from grants.text import clean_text
from grants.tranches import MILESTONES

CODE = re.compile(r"[A-Z0-9_]{1,64}")

MAX_TITLE = 300
WEIGHT_PLACES = Decimal("0.001")
MAX_WEIGHT = Decimal(100)
MAX_CRITERIA = 20
MAX_TRANCHES = 12
MIN_SHARE = Decimal("0.01")
SHARE_PLACES = Decimal("0.0001")
#: However many staff there are, no call waits for more reviews than this before a decision.
MAX_MIN_REVIEWS = 10


def _problem(template: str, *field: str, **params: Any) -> Problem:
    return Problem(ErrorCode.INVALID, template, field, **params)


def exact_number(raw: Any) -> Decimal | None:
    """A finite Decimal from a client's number (int, float, Decimal or text), or None."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        return None
    try:
        number = Decimal(repr(raw) if isinstance(raw, float) else str(raw))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def criterion_weight(raw: Any, *where: str) -> tuple[Decimal | None, list[Problem]]:
    """A weight from 0.001 to 100 that does not round to 0 at three decimals."""
    weight = exact_number(raw)
    if weight is None or not Decimal(0) < weight <= MAX_WEIGHT:
        return None, [
            _problem(
                "A weight is a number above 0 and at most {max_weight}",
                *where,
                "weight",
                max_weight=MAX_WEIGHT,
            )
        ]
    rounded = weight.quantize(WEIGHT_PLACES)
    if rounded == 0:
        return None, [
            _problem("The weight rounds to 0 at three decimals: use at least 0.001", *where, "weight")
        ]
    return rounded, []


def _criteria(raw: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    criteria: list[dict[str, Any]] = []
    problems: list[Problem] = []
    if not raw:
        return [], [_problem("A call needs at least one review criterion", "criteria")]
    if len(raw) > MAX_CRITERIA:
        return [], [_problem("At most {max_criteria} criteria", "criteria", max_criteria=MAX_CRITERIA)]
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = ("criteria", str(index))
        code = normalise_code(str(item.get("code") or ""))
        name = clean_text(str(item.get("name") or "")) or ""
        weight, found = criterion_weight(item.get("weight"), *where)
        problems += found
        if not code:
            problems.append(_problem("A criterion needs a code", *where, "code"))
        elif not CODE.fullmatch(code):
            problems.append(_problem("A code is letters, digits and _ (at most 64)", *where, "code"))
        elif code in seen:
            problems.append(_problem("The code {criterion!r} is used twice", *where, "code", criterion=code))
        seen.add(code)
        if not name:
            problems.append(_problem("A criterion needs a name", *where, "name"))
        elif len(name) > MAX_TITLE:
            problems.append(_problem("At most {max_title} characters", *where, "name", max_title=MAX_TITLE))
        if weight is not None:
            criteria.append({"code": code, "name": {"de": name}, "weight": weight})
    return criteria, problems


def _share(raw: Any, *where: str) -> tuple[Decimal | None, list[Problem]]:
    share = exact_number(raw)
    if share is None or not MIN_SHARE <= share <= Decimal(1):
        return None, [
            _problem("A share lies between {min_share} and 1", *where, "share", min_share=MIN_SHARE)
        ]
    if share != share.quantize(SHARE_PLACES):
        return None, [_problem("A share has at most four decimals", *where, "share")]
    return share, []


def _tranche_plan(raw: Any) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Shares per milestone that add up to 1, paid in the order given."""
    plan: list[dict[str, Any]] = []
    problems: list[Problem] = []
    if len(raw) > MAX_TRANCHES:
        return [], [_problem("At most {max_tranches} tranches", "tranche_plan", max_tranches=MAX_TRANCHES)]
    for index, step in enumerate(raw):
        where = ("tranche_plan", str(index))
        share, found = _share(step.get("share"), *where)
        problems += found
        due = str(step.get("due") or "")
        if due not in MILESTONES:
            problems.append(_problem("Use one of {choices}", *where, "due", choices=", ".join(MILESTONES)))
        if share is not None:
            plan.append({"share": str(share), "due": due})
    if not raw:
        problems.append(_problem("A payment plan needs at least one tranche", "tranche_plan"))
    elif not problems and sum(Decimal(step["share"]) for step in plan) != 1:
        problems.append(_problem("The shares must add up to 1", "tranche_plan"))
    return plan, problems


def min_reviews_problems(wanted: Any, reviewers_possible: int) -> list[Problem]:
    """A decision can wait for as many reviews as there are people who may review it.

    Reviewers and approvers review, but one approver must stay out of it to decide; one review
    is always allowed so that a call can be opened before the staff accounts exist.
    """
    ceiling = min(MAX_MIN_REVIEWS, max(1, reviewers_possible))
    if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 1:
        return [_problem("At least one review is needed before a decision", "min_reviews")]
    if wanted > ceiling:
        return [
            _problem(
                "At most {ceiling} review(s): that is how many staff can review "
                "and leave an approver to decide",
                "min_reviews",
                ceiling=ceiling,
            )
        ]
    return []


def window_problems(opens: datetime, closes: datetime, start_year: int, end_year: int) -> list[Problem]:
    """The call's window lies in its programme phase (opening up to a year before it starts)."""
    problems = []
    if opens.year < start_year - 1:
        problems.append(_problem("The call cannot open before {year}", "opens_at", year=start_year - 1))
    if closes.year > end_year:
        problems.append(
            _problem(
                "The programme ends in {end_year}: the call must close by then",
                "closes_at",
                end_year=end_year,
            )
        )
    return problems


def clean_call(
    values: Mapping[str, Any],
    *,
    creating: bool,
    reviewers_possible: int,
    current: FundingCall | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Validated call fields; on update, rules that span fields use the current values too."""
    clean: dict[str, Any] = {}
    problems: list[Problem] = []
    if "title" in values or creating:
        title = clean_text(str(values.get("title") or "")) or ""
        if not title:
            problems.append(_problem("A call needs a title", "title"))
        elif len(title) > MAX_TITLE:
            problems.append(_problem("At most {max_title} characters", "title", max_title=MAX_TITLE))
        clean["title"] = {"de": title}
    if "description" in values:
        description = clean_text(str(values.get("description") or "")) or ""
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
        problems += min_reviews_problems(values["min_reviews"], reviewers_possible)
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
