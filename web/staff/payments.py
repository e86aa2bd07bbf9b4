"""The staff's payments page: unpaid tranches due by a day, the finance office's downloads, and the steps
hand over (startTranchePayment), take back (cancelTranchePayment) and mark paid today (markTranchePaid)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.execute import FieldProblem
from web.forms import Problems, ShownProblem
from web.i18n import gettext
from web.labels import N_
from web.page import Page
from web.staff.forms import DATE_MALFORMED
from web.staff.pages import staff_page

PAGE = "/staff/payments"
#: The programme's days are Swiss days: "due today" means today in Switzerland.
SWISS_TIME = ZoneInfo("Europe/Zurich")
#: step -> (operation, payload field, the notification after it)
STEPS = {
    "start": (
        "StaffStartPayment",
        "startTranchePayment",
        N_("The tranche was handed to the finance office."),
    ),
    "cancel": ("StaffCancelPayment", "cancelTranchePayment", N_("The tranche was taken back: it is unpaid.")),
    "paid": ("StaffMarkPaid", "markTranchePaid", N_("The payment was recorded.")),
}
STATUS_WORDS = {
    "PAYABLE": N_("Ready to pay"),
    "BEING_PAID": N_("With the finance office"),
    "NO_ACCOUNT": N_("No bank account"),
    "AWAITING_FINAL_REPORT": N_("Waiting for the final report"),
}


def routes() -> list[BaseRoute]:
    """The payments page and its steps."""
    return [
        Route(PAGE, payments_page, methods=["GET"]),
        Route(PAGE + "/{step}", step, methods=["POST"]),
    ]


def _today() -> date:
    return datetime.now(SWISS_TIME).date()


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


async def _render(
    page: Page, day_text: str, *, status: int = 200, problems: Problems | None = None
) -> Response:
    day = _day(day_text)
    if day is None:
        problems = Problems((ShownProblem("dueBefore", gettext(DATE_MALFORMED)),))
        due: dict[str, Any] = {"totalCount": 0, "items": []}
        status = 400
    else:
        due = (await page.run("StaffDuePayments", {"day": day.isoformat()})).data["duePayments"]
    done = STEPS.get(page.request.query_params.get("done", ""))
    return await page.render(
        "staff/payments.html",
        status=status,
        day=day_text,
        export_query=urlencode({"dueBefore": day.isoformat()}) if day else "",
        due=due,
        statuses={key: gettext(word) for key, word in STATUS_WORDS.items()},
        problems=problems or Problems(),
        done=gettext(done[2]) if done and status == 200 else "",
    )


async def payments_page(request: Request) -> Response:
    """The tranches due by `dueBefore` (today by default), earliest first."""
    page = await staff_page(request)
    if isinstance(page, Response):
        return page
    return await _render(page, request.query_params.get("dueBefore", "").strip() or _today().isoformat())


async def step(request: Request) -> Response:
    """One step on one tranche; back to the list with a notification, or the list with the refusal."""
    page = await staff_page(request)
    if isinstance(page, Response):
        return page
    chosen = STEPS.get(request.path_params["step"])
    if chosen is None:
        raise HTTPException(404)
    operation, payload, _ = chosen
    form = await page.form()
    day_text = str(form.get("dueBefore", "")).strip() or _today().isoformat()
    tranche = str(form.get("tranche", ""))
    if not tranche.isdigit():
        raise HTTPException(400)
    variables: dict[str, Any] = {"application": str(form.get("application", "")), "tranche": int(tranche)}
    if request.path_params["step"] == "paid":
        variables["paidOn"] = _today().isoformat()
    found: list[FieldProblem] = (await page.run(operation, {"input": variables})).problems(payload)
    if not found:
        query = urlencode({"dueBefore": day_text, "done": request.path_params["step"]})
        return page.redirect(f"{PAGE}?{query}")
    # The refusal is about the tranche as a whole: shown at the top of the page.
    return await _render(page, day_text, status=400, problems=Problems.of(found, ()))
