"""The admin pages: funding calls — the list, opening a new call, editing one and closing it early.

The directory's organisations have their own module (web/admin/organisations.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.admin import directory, forms, organisations, users
from web.admin.access import admin_page
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.labels import N_
from web.page import Page

#: What each `?done=` says after a successful form.
DONE = {
    "created": N_("The call was opened."),
    "saved": N_("Your changes were saved."),
    "closed": N_("The call was closed."),
}
NEW_CALL_FIELDS = (
    "programme",
    "title",
    "description",
    "fundingAreas",
    "opensAt",
    "closesAt",
    "budget",
    "maxAmountPerApplication",
    "minReviews",
    "criteria",
    "startShare",
    *(f"criteria.{row}.{part}" for row in range(forms.CRITERIA_ROWS) for part in ("code", "name", "weight")),
)


def routes() -> list[BaseRoute]:
    """The area's pages."""
    return [
        Route("/admin", calls, methods=["GET"]),
        Route("/admin/calls/new", new_call, methods=["GET", "POST"]),
        Route("/admin/calls/{reference}", edit_call, methods=["GET", "POST"]),
        Route("/admin/calls/{reference}/close", close_call, methods=["POST"]),
        *organisations.routes(),
        *directory.routes(),
        *users.routes(),
    ]


async def calls(request: Request) -> Response:
    """The funding calls with their window, budget and status, and the way to open a new one."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    found = (await page.run("AdminCalls")).data.get("fundingCalls") or []
    return await page.render("admin/calls.html", calls=found)


async def _programmes(page: Page) -> list[dict[str, Any]]:
    programmes: list[dict[str, Any]] = (await page.run("AdminNewCallChoices")).data["programmes"]
    return programmes


async def new_call(request: Request) -> Response:
    """Open a call: programme, title, areas, window, budget, limits and the criteria reviewers score."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    programmes = await _programmes(page)
    if request.method == "GET":
        values = {"programme": programmes[-1]["code"] if programmes else "", "minReviews": "1"}
        return await page.render(
            "admin/new_call.html",
            area_groups=forms.area_groups(programmes),
            programmes=programmes,
            values=values,
            areas=[],
            problems=Problems(),
        )
    form = await page.form()
    values = {key: value for key, value in form.items() if isinstance(value, str) and key != "csrf_token"}
    areas = [value for value in form.getlist("fundingAreas") if isinstance(value, str)]
    input, rows, found = forms.new_call_input({**values, "fundingAreas": areas})
    if not found:
        outcome = await page.run("AdminCreateCall", {"input": input})
        found = forms.on_form_rows(outcome.problems("createFundingCall"), rows)
        if not found:
            reference = outcome.payload("createFundingCall")["call"]["reference"]
            return page.redirect(f"/admin/calls/{quote(reference)}?done=created")
    return await page.render(
        "admin/new_call.html",
        area_groups=forms.area_groups(programmes),
        status=400,
        programmes=programmes,
        values=values,
        areas=areas,
        problems=Problems.of(found, NEW_CALL_FIELDS),
    )


async def _call(page: Page, reference: str) -> dict[str, Any]:
    found = (await page.run("AdminCalls")).data.get("fundingCalls") or []
    for call in found:
        if call["reference"] == reference:
            return dict(call)
    raise HTTPException(404)


async def edit_call(request: Request) -> Response:
    """A call's page: what it is, a form to change it, and closing it early."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    call = await _call(page, request.path_params["reference"])
    done = DONE.get(request.query_params.get("done", ""))
    if request.method == "GET":
        return await page.render(
            "admin/call.html",
            call=call,
            values=forms.call_values(call),
            problems=Problems(),
            done=gettext(done) if done else "",
        )
    form = await page.form()
    values = {key: value for key, value in form.items() if isinstance(value, str)}
    input, found = forms.call_changes(call["id"], values)
    if not found:
        found = (await page.run("AdminUpdateCall", {"input": input})).problems("updateFundingCall")
        if not found:
            return page.redirect(f"/admin/calls/{quote(call['reference'])}?done=saved")
    return await page.render(
        "admin/call.html",
        status=400,
        call=call,
        values=values,
        problems=Problems.of(found, forms.EDITABLE),
        done="",
    )


async def close_call(request: Request) -> Response:
    """Close a call now; a call already closed is refused with the API's reason."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    call = await _call(page, request.path_params["reference"])
    found = (await page.run("AdminCloseCall", {"input": {"id": call["id"]}})).problems("closeFundingCall")
    if not found:
        return page.redirect(f"/admin/calls/{quote(call['reference'])}?done=closed")
    return await page.render(
        "admin/call.html",
        status=400,
        call=call,
        values=forms.call_values(call),
        # Closing has no fields: its refusal links to the close form itself.
        problems=Problems(tuple(ShownProblem("close", problem.message) for problem in found)),
        done="",
    )
