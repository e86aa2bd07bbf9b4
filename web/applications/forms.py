"""The application form's pure mapping: posted fields -> mutation input, refusals' paths -> sections.

Nothing here does I/O. Money stays text (the API's Decimal scalar takes it exactly; a float never
appears); only text that is no number at all is refused here, because the scalar would refuse the
whole operation instead of answering at the field. Dates are read as the Swiss write them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from web.applications.typed import amount_text, date_text
from web.execute import FieldProblem
from web.forms import field_id, field_name
from web.i18n import gettext
from web.labels import N_

#: The sections of the form, in order, with the input fields each one edits.
SECTIONS: dict[str, tuple[str, ...]] = {
    "project": ("title", "summary", "fundingArea", "projectStart", "projectEnd"),
    "places": ("municipalities", "languages"),
    "budget": ("budgetLines",),
    "funding": ("ownContribution", "thirdPartyFunding", "requestedAmount"),
    "targets": ("targets",),
}
SECTION_TITLES = {
    "project": N_("Project"),
    "places": N_("Places and languages"),
    "budget": N_("Budget"),
    "funding": N_("Own contribution and funding"),
    "targets": N_("Planned outputs"),
    # not a form of fields: the attached files (web/applications/documents.py)
    "documents": N_("Documents"),
}
BUDGET_CATEGORIES: dict[str, str] = {
    "PERSONNEL": N_("Personnel"),
    "MATERIAL": N_("Material"),
    "PREMISES": N_("Premises"),
    "COMMUNICATION": N_("Communication"),
    "INTERPRETING": N_("Interpreting"),
    "OTHER": N_("Other"),
}
#: Languages offered as checkboxes; others are typed as codes.
COMMON_LANGUAGES = ("de", "fr", "it", "en", "sq", "ar", "ti", "tr", "pt", "es", "fa", "ta", "uk", "so")
#: Empty budget rows a section shows below the saved lines, and the most rows a page ever shows.
EMPTY_ROWS = 2
MAX_ROWS = 200
AMOUNT_PROBLEM = N_("Enter an amount in francs, like 1250.50")
AMOUNT_MISSING = N_("Enter an amount in francs, 0 if there is none")
LINE_AMOUNT_MISSING = N_("Enter the line's amount")
CATEGORY_PROBLEM = N_("Choose what the line pays for")
DATE_PROBLEM = N_("Enter a real date, like 1.8.2026")
DATE_MISSING = N_("Enter a date")
COUNT_PROBLEM = N_("Enter a whole number, like 60")
INDICATOR_PROBLEM = N_("Choose an indicator")
KIND_PROBLEM = N_("Choose the kind of report")


def local_problem(name: str, message: str) -> FieldProblem:
    """A refusal made by the form itself, at field `name`, in the page's language."""
    return FieldProblem(("input", *name.split(".")), gettext(message), "INVALID")


@dataclass(slots=True)
class Mapped:
    """A form mapped to mutation input: the input's fields, or the problems that stop it being sent."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)


def _money(mapped: Mapped, name: str, text: str, *, missing: str = AMOUNT_MISSING) -> None:
    if not text:
        mapped.problems.append(local_problem(name, missing))
        return
    amount = amount_text(text)
    if amount is None:
        mapped.problems.append(local_problem(name, AMOUNT_PROBLEM))
    else:
        mapped.values[name] = {"amount": amount}


def _date(mapped: Mapped, name: str, text: str) -> None:
    if not text:
        mapped.problems.append(local_problem(name, DATE_MISSING))
        return
    iso = date_text(text)
    if iso is None:
        mapped.problems.append(local_problem(name, DATE_PROBLEM))
    else:
        mapped.values[name] = iso


def project_input(form: Mapping[str, str]) -> Mapped:
    """The project section: title, summary (empty removes it), funding area, first and last day."""
    mapped = Mapped({"title": form.get("title", ""), "summary": form.get("summary") or None})
    if form.get("fundingArea"):
        mapped.values["fundingArea"] = form["fundingArea"]
    _date(mapped, "projectStart", form.get("projectStart", ""))
    _date(mapped, "projectEnd", form.get("projectEnd", ""))
    return mapped


def language_codes(checked: Sequence[str], other: str) -> list[str]:
    """The checked languages and the codes typed under "other", each once, in that order."""
    typed = [code.strip().lower() for code in re.split(r"[,;\s]+", other) if code.strip()]
    return list(dict.fromkeys([*checked, *typed]))


def places_input(municipalities: Sequence[str], languages: Sequence[str], other: str) -> Mapped:
    """The places section: municipality slugs and language codes (lists replace the saved ones)."""
    return Mapped({"municipalities": list(municipalities), "languages": language_codes(languages, other)})


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One budget line as the form shows it: the category code and the texts as typed."""

    category: str = ""
    description: str = ""
    amount: str = ""

    @property
    def blank(self) -> bool:
        """Nothing typed: the row is left out."""
        return not (self.description.strip() or self.amount.strip())


def budget_rows(form: Mapping[str, str], *, keep_blank: bool = False) -> list[BudgetRow]:
    """The posted budget rows in order, blank ones left out (so row i is the API's line i) unless kept."""
    rows = []
    for index in range(MAX_ROWS):
        prefix = f"budgetLines.{index}."
        if prefix + "category" not in form and prefix + "amount" not in form:
            continue
        row = BudgetRow(
            form.get(prefix + "category", ""),
            form.get(prefix + "description", "").strip(),
            form.get(prefix + "amount", "").strip(),
        )
        if keep_blank or not row.blank:
            rows.append(row)
    return rows


def budget_input(rows: Sequence[BudgetRow]) -> Mapped:
    """The budget section: every row as a budget line input (the list replaces the saved one)."""
    mapped = Mapped({"budgetLines": []})
    for index, row in enumerate(rows):
        name = f"budgetLines.{index}"
        if row.category not in BUDGET_CATEGORIES:
            mapped.problems.append(local_problem(name + ".category", CATEGORY_PROBLEM))
        line = Mapped()
        _money(line, "amount", row.amount, missing=LINE_AMOUNT_MISSING)
        mapped.problems += [local_problem(f"{name}.amount", p.message) for p in line.problems]
        if "amount" in line.values:
            mapped.values["budgetLines"].append(
                {"category": row.category, "description": row.description, "amount": line.values["amount"]}
            )
    return mapped


def budget_total(rows: Sequence[BudgetRow]) -> Decimal:
    """The running total of the rows whose amount is a number (shown while editing; the API decides)."""
    amounts = (amount_text(row.amount) for row in rows)
    return sum((Decimal(amount) for amount in amounts if amount is not None), Decimal("0.00"))


def budget_fields(count: int) -> list[str]:
    """The field names of a budget page with `count` rows, for mapping refusals."""
    names = ["budgetLines"]
    for index in range(count):
        names += [f"budgetLines.{index}.{part}" for part in ("category", "description", "amount")]
    return names


def funding_input(form: Mapping[str, str]) -> Mapped:
    """The funding section: own contribution, third-party funding and the requested amount, as text."""
    mapped = Mapped()
    for name in SECTIONS["funding"]:
        _money(mapped, name, form.get(name, "").strip())
    return mapped


@dataclass(frozen=True, slots=True)
class ActualRow:
    """One indicator figure of a report as typed."""

    indicator: str = ""
    value: str = ""


def indicator_input(name: str, rows: Sequence[ActualRow]) -> Mapped:
    """Indicator rows as the input list `name` (report actuals, application targets); row i is item i."""
    mapped = Mapped({name: []})
    for index, row in enumerate(rows):
        if not row.indicator:
            mapped.problems.append(local_problem(f"{name}.{index}.indicator", INDICATOR_PROBLEM))
        value = row.value.replace("'", "").replace("’", "").strip()
        if not re.fullmatch(r"[0-9]{1,9}", value):
            mapped.problems.append(local_problem(f"{name}.{index}.value", COUNT_PROBLEM))
        else:
            mapped.values[name].append({"indicator": row.indicator, "value": int(value)})
    return mapped


def report_input(application: str, kind: str, narrative: str, rows: Sequence[ActualRow]) -> Mapped:
    """A report's input: its kind, narrative and each non-blank indicator row (row i is actual i)."""
    mapped = indicator_input("actuals", rows)
    mapped.values |= {"application": application, "kind": kind, "narrative": narrative}
    return mapped


def indicator_rows(form: Mapping[str, str], name: str = "actuals") -> list[ActualRow]:
    """The posted indicator rows of list `name`, blank ones left out."""
    rows = []
    for index in range(MAX_ROWS):
        prefix = f"{name}.{index}."
        if prefix + "indicator" not in form:
            continue
        row = ActualRow(form.get(prefix + "indicator", ""), form.get(prefix + "value", "").strip())
        if row.indicator or row.value:
            rows.append(row)
    return rows


def indicator_fields(name: str, count: int) -> list[str]:
    """The field names of `count` indicator rows of list `name`, for mapping refusals."""
    names = [name]
    for index in range(count):
        names += [f"{name}.{index}.indicator", f"{name}.{index}.value"]
    return names


def section_of(name: str) -> str | None:
    """The section whose page holds a field (`budgetLines.2.amount` -> `budget`); None for none."""
    top = name.split(".")[0]
    return next((section for section, fields in SECTIONS.items() if top in fields), None)


@dataclass(frozen=True, slots=True)
class LinkedProblem:
    """A refusal of the whole application, linked to the field on its section's page."""

    field: str
    section: str | None
    message: str
    href: str


def linked_problems(reference: str, problems: Sequence[FieldProblem]) -> list[LinkedProblem]:
    """Each submission problem with a link to its section's page and field (the check page otherwise)."""
    linked = []
    for problem in problems:
        name = field_name(problem.path)
        section = section_of(name)
        shown = _shown_field(name)
        href = f"/applications/{reference}/{section}#{field_id(shown)}" if section else "#f-form"
        linked.append(LinkedProblem(shown, section, problem.message, href))
    return linked


def _shown_field(name: str) -> str:
    """The field a section page shows for a path: lists and money at their own field, lines at theirs."""
    parts = name.split(".")
    if parts[0] in ("budgetLines", "targets"):
        return ".".join(parts[:3])
    return parts[0]


def messages_by_answer(problems: Sequence[LinkedProblem]) -> dict[str, list[str]]:
    """The check page's rows (top-level input fields) with the messages shown at each."""
    rows: dict[str, list[str]] = {}
    for problem in problems:
        if problem.section:
            rows.setdefault(problem.field.split(".")[0], []).append(problem.message)
    return rows
