"""Turning application input into stored values: only malformed input is refused at this stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from grants.application_rules import MAX_LINE_DESCRIPTION, MAX_SUMMARY, MAX_TITLE
from grants.codes import normalise_code
from grants.errors import ErrorCode, Problem
from grants.indicators import indicator_values
from grants.models import BudgetCategory, FundingArea, FundingCall, Organisation
from grants.money import check_amount
from grants.text import clean_text

AMOUNT_FIELDS = ("own_contribution", "third_party_funding", "requested_amount")


@dataclass(slots=True)
class Draft:
    """Clean values for the application row, and its lines and municipalities (ids) when given."""

    row: dict[str, Any] = field(default_factory=dict)
    budget_lines: list[dict[str, Any]] | None = None
    municipalities: list[int] | None = None
    problems: list[Problem] = field(default_factory=list)


def _refuse(
    draft: Draft, template: str, *path: str, code: ErrorCode = ErrorCode.INVALID, **params: Any
) -> None:
    draft.problems.append(Problem(code, template, path, **params))


async def read_draft(values: Mapping[str, Any], *, creating: bool) -> Draft:
    """Check `values` for malformed input and resolve their references (call, area, places)."""
    draft = Draft()
    # References are checked and stored by id: building their whole rows would parse every column
    # of them (dates, JSON) for nothing.
    if creating:
        call_id = values.get("call") or 0
        if await FundingCall.exists(id=call_id):
            draft.row["call_id"] = call_id
        else:
            _refuse(draft, "No such call", "call", code=ErrorCode.NOT_FOUND)
    if "title" in values:
        title = clean_text(values["title"]) or ""
        if len(title) > MAX_TITLE:
            _refuse(draft, "At most {max_title} characters", "title", max_title=MAX_TITLE)
        draft.row["title"] = title
    if "summary" in values:
        draft.row["summary"] = clean_text(values["summary"])
        if len(draft.row["summary"] or "") > MAX_SUMMARY:
            _refuse(draft, "At most {max_summary:,} characters", "summary", max_summary=MAX_SUMMARY)
    if values.get("funding_area") is not None:
        code = normalise_code(values["funding_area"])
        area_ids = await FundingArea.filter(code=code).limit(1).values_list("id", flat=True)
        if not area_ids:
            _refuse(
                draft,
                "No funding area {funding_area!r}",
                "funding_area",
                code=ErrorCode.NOT_FOUND,
                funding_area=values["funding_area"],
            )
        draft.row["funding_area_id"] = area_ids[0] if area_ids else None
    for key in ("project_start", "project_end"):
        if values.get(key) is not None:
            draft.row[key] = values[key]
    if values.get("languages") is not None:
        draft.row["languages"] = [code.strip().lower() for code in values["languages"]]
    for key in AMOUNT_FIELDS:
        if values.get(key) is not None:
            given, currency = values[key]
            amount, found = check_amount(given, currency, (key,))
            draft.problems += found
            draft.row[key] = amount
        elif creating and key == "third_party_funding":
            draft.row[key] = Decimal("0.00")
    if values.get("budget_lines") is not None:
        draft.budget_lines = []
        for index, line in enumerate(values["budget_lines"]):
            given, currency = line["amount"]
            amount, found = check_amount(given, currency, ("budget_lines", str(index), "amount"))
            draft.problems += found
            try:
                category = BudgetCategory(line["category"])
            except ValueError:
                _refuse(
                    draft,
                    "Unknown category {category!r}",
                    "budget_lines",
                    str(index),
                    "category",
                    category=line["category"],
                )
                continue
            description = clean_text(line.get("description")) or ""
            if len(description) > MAX_LINE_DESCRIPTION:
                _refuse(
                    draft,
                    "At most {max_line_description} characters",
                    "budget_lines",
                    str(index),
                    "description",
                    max_line_description=MAX_LINE_DESCRIPTION,
                )
            draft.budget_lines.append(
                {"position": index, "category": category, "description": description, "amount": amount}
            )
    if values.get("municipalities") is not None:
        slugs = list(values["municipalities"])
        found_orgs = dict(await Organisation.filter(slug__in=slugs).values_list("slug", "id"))
        for index, slug in enumerate(slugs):
            if slug not in found_orgs:
                _refuse(
                    draft,
                    "No organisation {slug!r}",
                    "municipalities",
                    str(index),
                    code=ErrorCode.NOT_FOUND,
                    slug=slug,
                )
        draft.municipalities = [found_orgs[slug] for slug in dict.fromkeys(slugs) if slug in found_orgs]
    if values.get("targets") is not None:
        pairs = [(target["indicator"], target["value"]) for target in values["targets"]]
        draft.row["targets"], found = await indicator_values(pairs, "targets")
        draft.problems += found
    return draft
