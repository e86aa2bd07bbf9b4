"""An application's overview (status, next step, change request, decision, award, reports, history)
and withdrawing it after a confirmation."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.applications import forms, loading, steps
from web.forms import Problems
from web.i18n import gettext, url_path
from web.labels import N_
from web.page import Page

EVENT_KINDS = {
    "CREATED": N_("Started"),
    "EDITED": N_("Changed"),
    "TRANSITION:SUBMIT": N_("Submitted"),
    "TRANSITION:WITHDRAW": N_("Withdrawn"),
    "TRANSITION:START_REVIEW": N_("Review started"),
    "TRANSITION:REQUEST_CHANGES": N_("Changes requested"),
    "TRANSITION:APPROVE": N_("Approved"),
    "TRANSITION:REJECT": N_("Rejected"),
    "TRANSITION:CLOSE": N_("Closed"),
    "AWARD": N_("Award set"),
    "TRANCHE_PAID": N_("Tranche paid"),
    "REPORT_SUBMITTED:INTERIM": N_("Interim report submitted"),
    "REPORT_SUBMITTED:FINAL": N_("Final report submitted"),
    "REPORT_ACCEPTED:INTERIM": N_("Interim report accepted"),
    "REPORT_ACCEPTED:FINAL": N_("Final report accepted"),
    "REPORT_RETURNED:INTERIM": N_("Interim report returned"),
    "REPORT_RETURNED:FINAL": N_("Final report returned"),
}
REPORT_KINDS = {"INTERIM": N_("Interim report"), "FINAL": N_("Final report")}


def event_label(kind: str) -> str:
    """An event's kind in words in the page's language (the code if the portal does not know it)."""
    message = EVENT_KINDS.get(kind)
    return gettext(message) if message else kind


def latest_message(events: list[dict[str, Any]], *kinds: str) -> dict[str, Any] | None:
    """The latest event of one of `kinds` (e.g. the change request with its message)."""
    found = [event for event in events if event["kind"] in kinds]
    return found[-1] if found else None


async def decision_letter(request: Request) -> Response:
    """The address decision mails link to: the signed-in member (or staff) is sent on to the PDF;
    404 while there is none, or when the application is not theirs to see."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    app = await loading.application(page, "DecisionLetter", request.path_params["reference"])
    if app["decisionLetter"] is None:
        raise HTTPException(404)
    return page.redirect(url_path(app["decisionLetter"]["downloadUrl"]))


async def overview_page(request: Request) -> Response:
    """The application at a glance, with what to do next and its history."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    after = request.query_params.get("after") or None
    app = await loading.application(page, "ApplicationOverview", reference, after=after)
    events = [edge["node"] for edge in app["events"]["edges"]]
    return await page.render(
        "applications/overview.html",
        app=app,
        events=events,
        next_step=steps.next_step(app["status"], app["reports"]),
        change_request=latest_message(events, "TRANSITION:REQUEST_CHANGES")
        if app["status"] == "CHANGES_REQUESTED"
        else None,
        decision=latest_message(events, "TRANSITION:APPROVE", "TRANSITION:REJECT"),
        sections=[(name, gettext(title)) for name, title in forms.SECTION_TITLES.items()],
        event_label=event_label,
        report_kinds={kind: gettext(label) for kind, label in REPORT_KINDS.items()},
        submitted=request.query_params.get("submitted") == "1",
        reported=request.query_params.get("reported") == "1",
    )


async def withdraw_page(request: Request) -> Response:
    """GET: are you sure? POST: withdraw it (refused: the reason, nothing changed)."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    app = await loading.application(page, "ApplicationForm", reference)
    problems = Problems()
    if request.method == "POST":
        await page.form()
        outcome = await page.run("WithdrawApplication", {"input": {"id": app["id"]}})
        refused = outcome.problems("withdrawApplication")
        if not refused:
            return page.redirect(f"/applications/{reference}")
        problems = Problems.of(refused, ())
    status = 400 if problems else 200
    return await page.render("applications/withdraw.html", status=status, app=app, problems=problems)
