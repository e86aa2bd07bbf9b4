"""The staff pages: the queue of applications and an application's page with its actions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.execute import FieldProblem
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.labels import N_
from web.page import Page
from web.staff import forms, words

STAFF_ROLES = ("REVIEWER", "APPROVER", "ADMIN")

#: (the application, the form's fields) -> (the operation's input, problems found before asking the API)
Mapper = Callable[[Mapping[str, Any], Mapping[str, str]], tuple[dict[str, Any], list[FieldProblem]]]


@dataclass(frozen=True, slots=True)
class Action:
    """One of the application page's forms: the operation it runs and how its fields map to input."""

    operation: str
    payload: str
    fields: tuple[str, ...]
    build: Mapper
    done: str


def _with_message(
    application: Mapping[str, Any], form: Mapping[str, str]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    return {"id": application["id"], "message": form.get("message", "").strip() or None}, []


def _note(
    application: Mapping[str, Any], form: Mapping[str, str]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    return {"application": application["id"], "body": form.get("body", "").strip()}, []


def _report(_: Mapping[str, Any], form: Mapping[str, str]) -> tuple[dict[str, Any], list[FieldProblem]]:
    return {"report": form.get("report", ""), "message": form.get("message", "").strip() or None}, []


ACTIONS: dict[str, Action] = {
    "note": Action("StaffAddNote", "addInternalNote", ("body",), _note, N_("Your note was added.")),
    "start": Action(
        "StaffStartReview",
        "startReview",
        ("message",),
        _with_message,
        N_("The application is now in review."),
    ),
    "changes": Action(
        "StaffRequestChanges",
        "requestChanges",
        ("message",),
        _with_message,
        N_("The application was sent back to the applicant."),
    ),
    "review": Action(
        "StaffSubmitReview",
        "submitReview",
        ("scores", "recommendation", "comment"),
        lambda application, form: forms.review_input(application["id"], _criteria(application), form),
        N_("Your review was saved."),
    ),
    "decide": Action(
        "StaffDecide",
        "decideApplication",
        ("decision", "amount", "conditions", "message"),
        lambda application, form: forms.decision_input(application["id"], form),
        N_("The decision was recorded."),
    ),
    "paid": Action(
        "StaffMarkPaid",
        "markTranchePaid",
        ("tranche", "paidOn"),
        lambda application, form: forms.payment_input(application["id"], form),
        N_("The payment was recorded."),
    ),
    "accept-report": Action(
        "StaffAcceptReport", "acceptProjectReport", ("message",), _report, N_("The report was accepted.")
    ),
    "return-report": Action(
        "StaffReturnReport", "returnProjectReport", ("message",), _report, N_("The report was sent back.")
    ),
    "close": Action(
        "StaffClose", "closeApplication", ("message",), _with_message, N_("The project was closed.")
    ),
}
#: Both report buttons live in one form (scope `report`); which was pressed chooses the action.
REPORT_VERDICTS = {"accept": "accept-report", "return": "return-report"}


def routes() -> list[BaseRoute]:
    """The area's pages."""
    return [
        Route("/staff/applications", queue, methods=["GET"]),
        Route("/staff/applications/{reference}", application_page, methods=["GET"]),
        Route("/staff/applications/{reference}/{scope}", act, methods=["POST"]),
    ]


async def staff_page(request: Request) -> Page | Response:
    """The page if a staff member is signed in; anonymous visitors are sent to sign in, others get 404."""
    page = Page(request)
    viewer = await page.viewer()
    if viewer is None:
        return page.redirect("/sign-in?next=" + quote(request.url.path, safe="/"))
    if viewer.get("role") not in STAFF_ROLES:
        raise HTTPException(404)
    return page


async def queue(request: Request) -> Response:
    """The applications staff work on, filtered, searched, sorted and paged by a GET form."""
    page = await staff_page(request)
    if isinstance(page, Response):
        return page
    choices = (await page.run("StaffQueueChoices")).data
    calls = choices.get("fundingCalls") or []
    areas = choices.get("fundingAreas") or []
    call_ids = {call["reference"]: call["id"] for call in calls}
    choice = forms.queue_choice(request.query_params, [area["code"] for area in areas])
    found = (await page.run("StaffQueue", forms.queue_variables(choice, call_ids))).data["applications"]
    # The API answers null for a list it refuses (a cursor not of this list, a search it cannot run).
    refused = found is None
    return await page.render(
        "staff/queue.html",
        status=400 if refused else 200,
        refused=refused,
        choice=choice,
        calls=calls,
        areas=areas,
        statuses=forms.QUEUE_STATUSES,
        applications=found or {"totalCount": 0, "edges": [], "pageInfo": None},
        export_query=forms.export_query(choice, call_ids),
        # The field macros need a Problems even where a GET form has none to show.
        problems=Problems(),
    )


async def _application(page: Page, reference: str) -> dict[str, Any]:
    application: dict[str, Any] | None = (
        await page.run("StaffApplication", {"reference": reference})
    ).data.get("application")
    if application is None:
        raise HTTPException(404)
    return application


async def _render(
    page: Page,
    application: dict[str, Any],
    *,
    status: int = 200,
    failed: str = "",
    values: Mapping[str, str] | None = None,
    problems: Problems | None = None,
) -> Response:
    viewer = await page.viewer()
    own = next((r for r in application["reviews"] if r["reviewer"]["id"] == (viewer or {}).get("id")), None)
    done = ACTIONS.get(page.request.query_params.get("done", ""))
    return await page.render(
        "staff/application.html",
        status=status,
        application=application,
        blockers=forms.decision_blockers(viewer, application),
        reviewed_by_viewer=bool(own),
        review_values=values if failed == "review" else forms.review_values(own),
        done=gettext(done.done) if done and status == 200 else "",
        failed=failed,
        values=values or {},
        problems=problems or Problems(),
        recommendations=forms.RECOMMENDATIONS,
        label=words.word,
        W=words,
        scores=forms.SCORES,
    )


async def application_page(request: Request) -> Response:
    """An application with everything staff need to work on it, and the forms for what comes next."""
    page = await staff_page(request)
    if isinstance(page, Response):
        return page
    return await _render(page, await _application(page, request.path_params["reference"]))


def within(form: FormData, scope: str) -> dict[str, str]:
    """The text fields of one of the page's forms (named `<scope>.<field>`), without the scope."""
    prefix = scope + "."
    return {
        key[len(prefix) :]: value
        for key, value in form.multi_items()
        if key.startswith(prefix) and isinstance(value, str)
    }


def scoped(problems: Problems, scope: str) -> Problems:
    """The problems with the scope put before their field names, as the page's fields are named."""
    return Problems(
        tuple(ShownProblem(f"{scope}.{p.field}" if p.field else scope, p.message) for p in problems.shown)
    )


async def act(request: Request) -> Response:
    """Run one of the page's forms: back to the page with a notification, or the page with the problems."""
    page = await staff_page(request)
    if isinstance(page, Response):
        return page
    reference, scope = request.path_params["reference"], request.path_params["scope"]
    form = await page.form()
    values = within(form, scope)
    name = REPORT_VERDICTS.get(values.get("verdict", ""), "") if scope == "report" else scope
    action = ACTIONS.get(name)
    if action is None or scope in REPORT_VERDICTS.values():
        raise HTTPException(404)
    application = await _application(page, reference)
    variables, early = action.build(application, values)
    found = early or (await page.run(action.operation, {"input": variables})).problems(action.payload)
    if not found:
        return page.redirect(f"/staff/applications/{quote(reference)}?done={name}")
    problems = scoped(
        Problems.of(found, action.fields + tuple(f"scores.{c}" for c in _criteria(application))), scope
    )
    # A refusal changed nothing: the application read before is still what it is.
    return await _render(page, application, status=400, failed=scope, values=values, problems=problems)


def _criteria(application: Mapping[str, Any]) -> list[str]:
    return [criterion["code"] for criterion in application["call"]["criteria"]]
