"""Admin forms <-> the API's call inputs: days in Swiss time, amounts, criteria rows.

Pure functions without I/O. A call's window is entered as days: it opens at the start of its first
day and closes at the end of its last, in Swiss time (Europe/Zurich), which is what staff mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from web.execute import FieldProblem
from web.i18n import gettext
from web.labels import N_
from web.staff.forms import AMOUNT_MALFORMED, DATE_MALFORMED, amount_of

SWISS_TIME = ZoneInfo("Europe/Zurich")
#: How many criteria rows the new-call form offers (the API takes up to 20; empty rows are skipped).
CRITERIA_ROWS = 5
#: The fields of a call that the edit form changes (the API's names).
EDITABLE = ("title", "description", "opensAt", "closesAt", "budget", "maxAmountPerApplication", "minReviews")

WEIGHT_MALFORMED = N_("Enter the weight as a number, for example 2 or 1.5")
NUMBER_MALFORMED = N_("Enter a whole number, for example 2")


def _problem(name: str, message: str) -> FieldProblem:
    return FieldProblem(("input", *name.split(".")), gettext(message), "INVALID")


def day_start(text: str) -> str | None:
    """The first moment of a day (YYYY-MM-DD) in Swiss time, as ISO 8601 with its offset; None if no day."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return datetime.combine(day, time(0, 0), SWISS_TIME).isoformat()


def day_end(text: str) -> str | None:
    """The last second of a day (YYYY-MM-DD) in Swiss time, as ISO 8601 with its offset; None if no day."""
    start = day_start(text)
    if start is None:
        return None
    return (datetime.fromisoformat(start) + timedelta(days=1, seconds=-1)).isoformat()


def local_day(moment: str | None) -> str:
    """The Swiss day (YYYY-MM-DD) of an API date-time, for a date field; '' for none."""
    if not moment:
        return ""
    return datetime.fromisoformat(moment).astimezone(SWISS_TIME).date().isoformat()


def _money(form: Mapping[str, str], name: str, problems: list[FieldProblem]) -> dict[str, str] | None:
    text = form.get(name, "").strip()
    if not text:
        return None
    amount = amount_of(text)
    if amount is None:
        problems.append(_problem(name, AMOUNT_MALFORMED))
        return None
    return {"amount": amount, "currency": "CHF"}


def _window(form: Mapping[str, str], problems: list[FieldProblem], *, required: bool) -> dict[str, str]:
    window = {}
    for name, moment in (("opensAt", day_start), ("closesAt", day_end)):
        text = form.get(name, "").strip()
        if not text and not required:
            continue
        value = moment(text)
        if value is None:
            problems.append(_problem(name, DATE_MALFORMED))
        else:
            window[name] = value
    return window


def _min_reviews(form: Mapping[str, str], problems: list[FieldProblem]) -> int | None:
    text = form.get("minReviews", "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 3:
        problems.append(_problem("minReviews", NUMBER_MALFORMED))
        return None
    return int(text)


def criteria_rows(
    form: Mapping[str, str], problems: list[FieldProblem]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The filled criteria rows as the API takes them, and for each the form row it came from."""
    criteria: list[dict[str, Any]] = []
    rows: list[int] = []
    for row in range(CRITERIA_ROWS):
        code, name, weight = (
            form.get(f"criteria.{row}.{part}", "").strip() for part in ("code", "name", "weight")
        )
        if not (code or name or weight):
            continue
        try:
            number = float(weight.replace(",", "."))
        except ValueError:
            problems.append(_problem(f"criteria.{row}.weight", WEIGHT_MALFORMED))
            continue
        criteria.append({"code": code.upper(), "name": name, "weight": number})
        rows.append(row)
    return criteria, rows


def on_form_rows(problems: Sequence[FieldProblem], rows: Sequence[int]) -> list[FieldProblem]:
    """The API's refusals at the form's fields: criteria indexes as the form's rows, the plan as its share."""
    moved = []
    for problem in problems:
        path = problem.path
        if (
            len(path) > 2
            and path[:2] == ("input", "criteria")
            and path[2].isdigit()
            and int(path[2]) < len(rows)
        ):
            path = (*path[:2], str(rows[int(path[2])]), *path[3:])
        elif path[:2] == ("input", "tranchePlan"):  # the form asks for the plan as one percentage
            path = ("input", "startShare")
        moved.append(FieldProblem(path, problem.message, problem.code))
    return moved


def tranche_plan(form: Mapping[str, Any], problems: list[FieldProblem]) -> list[dict[str, str]] | None:
    """Two tranches from the percentage paid at the project's start (the rest after the final report).

    Empty: None, the API's default plan (80 % at the start, 20 % after the final report); 100: all at
    the start.
    """
    text = str(form.get("startShare", "")).strip().rstrip("%").strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 100:
        problems.append(_problem("startShare", N_("Enter a whole percentage from 1 to 100")))
        return None
    start = Decimal(text) / 100
    plan = [{"share": format(start, "f"), "due": "PROJECT_START"}]
    if start < 1:
        plan.append({"share": format(1 - start, "f"), "due": "FINAL_REPORT"})
    return plan


def new_call_input(form: Mapping[str, Any]) -> tuple[dict[str, Any], list[int], list[FieldProblem]]:
    """`createFundingCall`'s input, the form rows of its criteria, and problems found before asking.

    `form["fundingAreas"]` is the list of checked area codes.
    """
    problems: list[FieldProblem] = []
    criteria, rows = criteria_rows(form, problems)
    input: dict[str, Any] = {
        "programme": form.get("programme", ""),
        "title": form.get("title", "").strip(),
        "description": form.get("description", "").strip() or None,
        "fundingAreas": list(form.get("fundingAreas") or []),
        "criteria": criteria,
        **_window(form, problems, required=True),
    }
    budget = _money(form, "budget", problems)
    if budget is None and not form.get("budget", "").strip():
        problems.append(_problem("budget", N_("Enter the call's budget in francs")))
    input["budget"] = budget
    input["maxAmountPerApplication"] = _money(form, "maxAmountPerApplication", problems)
    reviews = _min_reviews(form, problems)
    if reviews is not None:
        input["minReviews"] = reviews
    if (plan := tranche_plan(form, problems)) is not None:
        input["tranchePlan"] = plan
    return input, rows, problems


def call_changes(call: str, form: Mapping[str, str]) -> tuple[dict[str, Any], list[FieldProblem]]:
    """`updateFundingCall`'s input: every editable field given; an empty one stays as it is.

    The description is the exception: emptied, it is removed, as the API's input says.
    """
    problems: list[FieldProblem] = []
    input: dict[str, Any] = {"id": call, "description": form.get("description", "").strip()}
    if title := form.get("title", "").strip():
        input["title"] = title
    input.update(_window(form, problems, required=False))
    for name in ("budget", "maxAmountPerApplication"):
        if (money := _money(form, name, problems)) is not None:
            input[name] = money
    if (reviews := _min_reviews(form, problems)) is not None:
        input["minReviews"] = reviews
    return input, problems


def call_values(call: Mapping[str, Any]) -> dict[str, str]:
    """The edit form's fields filled from a call as the API answers it."""
    maximum = call.get("maxAmountPerApplication")
    return {
        "title": call["germanTitle"],
        "description": call.get("germanDescription") or "",
        "opensAt": local_day(call["opensAt"]),
        "closesAt": local_day(call["closesAt"]),
        "budget": call["budget"]["amount"],
        "maxAmountPerApplication": maximum["amount"] if maximum else "",
        "minReviews": str(call["minReviews"]),
    }


def area_groups(programmes: Sequence[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """The funding areas to offer once each, grouped under the phases that share them.

    Phases may share their areas (KIP1, KIP2 and KIP2bis do): each area is one checkbox, in a group
    named after every phase that funds it.
    """
    groups: dict[tuple[str, ...], tuple[list[str], list[Mapping[str, Any]]]] = {}
    for programme in programmes:
        areas = list(programme["fundingAreas"])
        key = tuple(area["code"] for area in areas)
        groups.setdefault(key, ([], areas))[0].append(programme["code"])
    return [(", ".join(codes), areas) for codes, areas in groups.values()]
