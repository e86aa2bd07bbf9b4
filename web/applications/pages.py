"""The applicant's pages: their organisation's applications, starting one from a call, check and submit."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.applications import documents, forms, loading, overview, report_documents, reports, sections, steps
from web.forms import Problems
from web.i18n import gettext
from web.page import Page

#: The fields of the start page, named after CreateApplicationInput.
NEW_FIELDS = ("call", "title", "fundingArea", "projectStart", "projectEnd")


def routes() -> list[BaseRoute]:
    """The area's pages."""
    both = ["GET", "POST"]
    return [
        Route("/applications", my_applications, methods=["GET"]),
        Route("/applications/new", new_application, methods=both),
        Route("/applications/{reference}", overview.overview_page, methods=["GET"]),
        Route("/applications/{reference}/check", check_page, methods=both),
        Route("/applications/{reference}/withdraw", overview.withdraw_page, methods=both),
        Route("/applications/{reference}/letter", overview.decision_letter, methods=["GET"]),
        Route("/applications/{reference}/reports/new", reports.report_page, methods=both),
        *documents.routes(),
        *report_documents.routes(),
        Route("/applications/{reference}/{section}", sections.section_page, methods=both),
    ]


def area_options(call: dict[str, Any]) -> list[tuple[str, str]]:
    """The call's funding areas as (code, name) choices."""
    return [(area["code"], area["name"]) for area in call["fundingAreas"]]


def last_change(application: dict[str, Any]) -> str | None:
    """When the application last changed: its latest event's time."""
    times = [edge["node"]["at"] for edge in application["events"]["edges"]]
    return max(times) if times else None


async def my_applications(request: Request) -> Response:
    """The organisation's applications, newest first, each with its next step; the open calls."""
    page = Page(request)
    viewer = await page.viewer()
    if viewer is None:
        return page.redirect("/sign-in?next=/applications")
    if viewer["role"] != "APPLICANT":
        return page.redirect("/staff/applications")  # staff have their own list
    after = request.query_params.get("after") or None
    data = (await page.run("MyApplications", {"after": after})).data
    listed = data["applications"] or {"edges": [], "pageInfo": None, "totalCount": 0}
    rows = [
        {
            **edge["node"],
            "next": steps.next_step(edge["node"]["status"], edge["node"]["reports"]),
            "changed": last_change(edge["node"]),
        }
        for edge in listed["edges"]
    ]
    return await page.render(
        "applications/list.html", rows=rows, listing=listed, calls=data["fundingCalls"] or []
    )


async def new_application(request: Request) -> Response:
    """Start an application from an open call: its title, area and dates; then the form's first section."""
    page = Page(request)
    if await page.viewer() is None:
        return page.redirect("/sign-in?next=/applications")
    form = await page.form() if request.method == "POST" else None
    values = loading.single_values(form) if form else {"call": request.query_params.get("call", "")}
    call_id = values.get("call", "")
    if not call_id or len(call_id) > 200:
        raise HTTPException(404)
    call = (await page.run("NewApplicationCall", {"call": call_id})).data.get("node")
    if not call or "reference" not in call:
        raise HTTPException(404)
    if form is None:
        return await page.render(
            "applications/new.html", call=call, values=values, problems=Problems(), area_options=area_options
        )
    mapped = forms.project_input(values)
    problems = mapped.problems
    if not problems:
        inputs = {
            **{key: mapped.values[key] for key in ("title", "projectStart", "projectEnd")},
            "call": call["id"],
            "fundingArea": values.get("fundingArea", ""),
            "budgetLines": [],
            "ownContribution": {"amount": "0"},
            "requestedAmount": {"amount": "0"},
        }
        outcome = await page.run("CreateApplication", {"input": inputs})
        problems = outcome.problems("createApplication")
        if not problems:
            created = outcome.payload("createApplication")["application"]
            return page.redirect(f"/applications/{created['reference']}/project")
    shown = Problems.of(problems, NEW_FIELDS)
    return await page.render(
        "applications/new.html",
        status=400,
        call=call,
        values=values,
        problems=shown,
        area_options=area_options,
    )


async def check_page(request: Request) -> Response:
    """Check your answers, then submit: every problem shown at its answer, linked to its section."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    app = await loading.application(page, "ApplicationForm", reference)
    problems: list[forms.LinkedProblem] = []
    status = 200
    if request.method == "POST":
        form = await page.form()
        message = loading.single_values(form).get("message", "").strip() or None
        outcome = await page.run("SubmitApplication", {"input": {"id": app["id"], "message": message}})
        refused = outcome.problems("submitApplication")
        if not refused:
            return page.redirect(f"/applications/{reference}?submitted=1")
        problems, status = forms.linked_problems(reference, refused), 400
    return await page.render(
        "applications/check.html",
        status=status,
        app=app,
        problems=problems,
        by_row=forms.messages_by_answer(problems),
        no_problems=Problems(),
        languages_named=sections.language_names(page.language, app["languages"]),
        sections=[(name, gettext(title)) for name, title in forms.SECTION_TITLES.items()],
        categories={code: gettext(label) for code, label in forms.BUDGET_CATEGORIES.items()},
        balance=sections.balance(app),
    )
