"""The application form's sections: each a page whose form saves the draft with `updateApplication`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel import Locale
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.applications import forms, loading, typed
from web.applications.forms import ActualRow, BudgetRow, Mapped
from web.execute import FieldProblem
from web.forms import Problems
from web.i18n import LOCALES, gettext
from web.page import Page

#: Every section in order, the Documents section (its own page) after the sections of fields.
ORDER = list(forms.SECTION_TITLES)


def next_section(section: str) -> str:
    """The page after a section: the next section, or the check page after the last."""
    index = ORDER.index(section)
    return ORDER[index + 1] if index + 1 < len(ORDER) else "check"


def saved_values(section: str, app: dict[str, Any]) -> dict[str, Any]:
    """A section's fields as the saved application fills them."""
    if section == "project":
        return {
            "title": app["title"],
            "summary": app["summary"] or "",
            "fundingArea": app["fundingArea"]["code"],
            "projectStart": typed.swiss_date(app["projectStart"]),
            "projectEnd": typed.swiss_date(app["projectEnd"]),
        }
    if section == "places":
        return {
            "municipalities": [m["slug"] for m in app["municipalities"]],
            "languages": [c for c in app["languages"] if c in forms.COMMON_LANGUAGES],
            "otherLanguages": ", ".join(c for c in app["languages"] if c not in forms.COMMON_LANGUAGES),
        }
    if section == "budget":
        rows = [
            BudgetRow(line["category"], line["description"], line["amount"]["amount"])
            for line in app["budgetLines"]
        ]
        return {"rows": rows}
    if section == "targets":
        return {"rows": [ActualRow(t["indicator"]["code"], str(t["value"])) for t in app["targets"]]}
    return {name: app[name]["amount"] for name in forms.SECTIONS["funding"]}


def language_options(language: str) -> list[tuple[str, str]]:
    """The common languages' codes with their names in the page's language."""
    names = Locale.parse(LOCALES[language]).languages
    return [(code, names.get(code, code)) for code in forms.COMMON_LANGUAGES]


def language_names(language: str, codes: list[str]) -> list[str]:
    """Language codes as their names in the page's language (the code where Babel knows none)."""
    names = Locale.parse(LOCALES[language]).languages
    return [names.get(code, code) for code in codes]


async def municipality_options(page: Page) -> list[tuple[str, str]]:
    """Every municipality as (slug, name), read in bounded pages of 50 (the canton has under 100)."""
    options: list[tuple[str, str]] = []
    after: str | None = None
    for _ in range(4):
        found = (await page.run("MunicipalityChoices", {"after": after})).data["organisations"]
        options += [(edge["node"]["slug"], edge["node"]["name"]) for edge in found["edges"]]
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    return options


def posted(section: str, form: Any) -> tuple[dict[str, Any], Mapped]:
    """A section's posted values (to show again) and their mapping to the update's input."""
    values = loading.single_values(form)
    if section == "project":
        return values, forms.project_input(values)
    if section == "places":
        municipalities = loading.texts(form, "municipalities")
        languages = loading.texts(form, "languages")
        other = values.get("otherLanguages", "")
        shown = {"municipalities": municipalities, "languages": languages, "otherLanguages": other}
        return shown, forms.places_input(municipalities, languages, other)
    if section == "budget":
        rows = forms.budget_rows(values)
        return {"rows": rows}, forms.budget_input(rows)
    if section == "targets":
        targets = forms.indicator_rows(values, "targets")
        return {"rows": targets}, forms.indicator_input("targets", targets)
    return values, forms.funding_input(values)


def edited_rows(action: str, posted_rows: list[BudgetRow]) -> dict[str, Any] | None:
    """The budget rows after "Add another line" or a row's "Remove" (row numbers as shown, blank ones
    included), with the number of empty rows to show; None when the action saves."""
    if action == "add":
        filled = [row for row in posted_rows if not row.blank]
        return {"rows": filled, "blank": len(posted_rows) - len(filled) + 1}
    if action.startswith("remove-") and action[7:].isdigit():
        index = int(action[7:])
        rest = [row for position, row in enumerate(posted_rows) if position != index]
        filled = [row for row in rest if not row.blank]
        return {"rows": filled, "blank": max(1, len(rest) - len(filled))}
    return None


async def render(
    page: Page,
    section: str,
    app: dict[str, Any],
    values: dict[str, Any],
    problems: Problems,
    *,
    status: int = 200,
    saved: bool = False,
) -> Response:
    """A section's page with its values and problems."""
    extra: dict[str, Any] = {}
    if section == "places":
        extra["municipality_options"] = await municipality_options(page)
        extra["language_options"] = language_options(page.language)
    if section == "budget":
        rows = list(values["rows"])
        blank = values.get("blank", forms.EMPTY_ROWS if not rows else 1)
        extra["total"] = forms.budget_total(rows)
        extra["rows"] = rows + [BudgetRow()] * min(blank, forms.MAX_ROWS - len(rows))
        extra["categories"] = [("", gettext("Choose"))] + [
            (code, gettext(label)) for code, label in forms.BUDGET_CATEGORIES.items()
        ]
    if section == "targets":
        targets = list(values["rows"])
        blank = values.get("blank", forms.EMPTY_ROWS if not targets else 1)
        extra["rows"] = targets + [ActualRow()] * min(blank, forms.MAX_ROWS - len(targets))
        indicators = (await page.run("IndicatorChoices")).data["indicators"]
        extra["indicators"] = [("", gettext("Choose"))] + [(i["code"], i["name"]) for i in indicators]
    if section == "funding":
        # checked as you go: the saved request against the saved budget (the API decides at submission)
        extra["balance"] = balance(app)
        extra["mismatch"] = Decimal(app["requestedAmount"]["amount"]) != extra["balance"]
    return await page.render(
        f"applications/section_{section}.html",
        status=status,
        app=app,
        section=section,
        sections=[(name, gettext(title)) for name, title in forms.SECTION_TITLES.items()],
        values=values,
        problems=problems,
        saved=saved,
        **extra,
    )


def balance(app: dict[str, Any]) -> Decimal:
    """Total cost − own contribution − third-party funding as saved: what the request must be."""
    return (
        Decimal(app["totalCost"]["amount"])
        - Decimal(app["ownContribution"]["amount"])
        - Decimal(app["thirdPartyFunding"]["amount"])
    )


def field_names(section: str, values: dict[str, Any]) -> list[str]:
    """The fields a section's page shows, for attaching refusals."""
    if section == "budget":
        return forms.budget_fields(len(values["rows"]))
    if section == "targets":
        return forms.indicator_fields("targets", len(values["rows"]))
    return list(forms.SECTIONS[section])


async def section_page(request: Request) -> Response:
    """GET: a section filled from the saved draft. POST: save it, then the next section (or stay)."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    section = request.path_params["section"]
    if section not in forms.SECTIONS:
        raise HTTPException(404)
    reference = request.path_params["reference"]
    app = await loading.application(page, "ApplicationForm", reference)
    if not app["viewerCan"]["edit"]:
        return page.redirect(f"/applications/{reference}")
    if request.method == "GET":
        values = saved_values(section, app)
        saved = request.query_params.get("saved") == "1"
        return await render(page, section, app, values, Problems(), saved=saved)
    form = await page.form()
    values, mapped = posted(section, form)
    action = str(form.get("action") or "save")
    if section == "budget":
        # adding or removing a row saves nothing: the visitor is still typing
        edited = edited_rows(action, forms.budget_rows(loading.single_values(form), keep_blank=True))
        if edited is not None:
            return await render(page, section, app, edited, Problems())
    if section == "targets" and action == "add":
        return await render(page, section, app, {"rows": values["rows"], "blank": 2}, Problems())
    fields = field_names(section, values)
    if mapped.problems:
        return await render(page, section, app, values, Problems.of(mapped.problems, fields), status=400)
    version = loading.version_of(loading.single_values(form))
    outcome = await page.run(
        "UpdateApplication", {"input": {"id": app["id"], "version": version, **mapped.values}}
    )
    refused: list[FieldProblem] = outcome.problems("updateApplication")
    if refused:
        return await render(page, section, app, values, Problems.of(refused, fields), status=400)
    if action == "continue":
        return page.redirect(f"/applications/{reference}/{next_section(section)}")
    return page.redirect(f"/applications/{reference}/{section}?saved=1")
