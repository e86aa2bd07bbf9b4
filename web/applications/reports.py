"""Submitting an interim or final report with indicator figures (`submitProjectReport`)."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.applications import forms, loading, steps
from web.applications.forms import ActualRow
from web.applications.overview import REPORT_KINDS
from web.forms import Problems
from web.i18n import gettext
from web.page import Page

#: Indicator rows a new report shows (more with "Add another figure").
EMPTY_ROWS = 3


def report_fields(count: int) -> list[str]:
    """The fields of a report page with `count` indicator rows."""
    return ["kind", "narrative", *forms.indicator_fields("actuals", count)]


async def render(
    page: Page,
    app: dict[str, Any],
    indicators: list[dict[str, Any]],
    values: dict[str, Any],
    problems: Problems,
    status: int = 200,
) -> Response:
    """The report form with its values and problems."""
    return await page.render(
        "applications/report.html",
        status=status,
        app=app,
        values=values,
        problems=problems,
        kinds=[(kind, gettext(label)) for kind, label in REPORT_KINDS.items()],
        indicators=[("", gettext("Choose"))] + [(i["code"], i["name"]) for i in indicators],
    )


async def report_page(request: Request) -> Response:
    """GET: the form, rows for the planned indicators. POST: submit the report, or add a row."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    if len(reference) > 40:
        raise HTTPException(404)
    data = (await page.run("ReportForm", {"reference": reference})).data
    app, indicators = data.get("application"), data["indicators"]
    if app is None:
        raise HTTPException(404)
    if request.method == "GET":
        rows = [ActualRow(t["indicator"]["code"], "") for t in app["targets"]]
        rows += [ActualRow()] * max(1, EMPTY_ROWS - len(rows))
        fresh = {"kind": steps.report_kind_due(app["reports"]), "narrative": "", "rows": rows}
        return await render(page, app, indicators, fresh, Problems())
    form = loading.single_values(await page.form())
    rows = forms.indicator_rows(form)
    kind, narrative = form.get("kind", ""), form.get("narrative", "")
    values: dict[str, Any] = {"kind": kind, "narrative": narrative, "rows": rows}
    if form.get("action") == "add":
        values["rows"] = [*rows, ActualRow()]
        return await render(page, app, indicators, values, Problems())
    mapped = forms.report_input(app["id"], kind, narrative, rows)
    problems = mapped.problems
    if kind not in REPORT_KINDS:
        problems = [forms.local_problem("kind", forms.KIND_PROBLEM), *problems]
    if not problems:
        outcome = await page.run("SubmitReport", {"input": mapped.values})
        problems = outcome.problems("submitProjectReport")
        if not problems:
            return page.redirect(f"/applications/{reference}?reported=1")
    values["rows"] = rows or [ActualRow()]
    shown = Problems.of(problems, report_fields(len(values["rows"])))
    return await render(page, app, indicators, values, shown, status=400)
