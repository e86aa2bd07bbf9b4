"""GET /exports/payments.csv and .xlsx: the unpaid tranches due by a day, for the canton's finance office.

`?dueBefore=YYYY-MM-DD` includes tranches due on that day; without it, today in Swiss time. Staff only,
authenticated as /exports/applications.csv is (bearer token, else the portal's session), and rendered
by the same typed, formula-safe cells (server/exports.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from grants.exports import Row
from grants.payment_list import payment_rows
from grants.programmes import SWISS_TIME
from server.auth import downloading_user
from server.exports import BadQuery, csv_body, staff_refusal, xlsx_response

PARAMETERS = ("dueBefore",)


def due_before(params: QueryParams, today: date) -> date:
    """The last due day asked for (today when not given); BadQuery for anything else."""
    for name in params:
        if name not in PARAMETERS:
            raise BadQuery(name, f"Unknown parameter {name!r}; allowed: dueBefore", PARAMETERS)
    values = params.getlist("dueBefore")
    if len(values) > 1:
        raise BadQuery("dueBefore", "Give dueBefore at most once")
    if not values:
        return today
    try:
        if len(values[0]) != 10:
            raise ValueError(values[0])
        return date.fromisoformat(values[0])
    except ValueError:
        raise BadQuery(
            "dueBefore", f"dueBefore must be a day written YYYY-MM-DD, e.g. 2026-12-31; not {values[0]!r}"
        ) from None


async def _rows(rows: list[Row]) -> AsyncIterator[Row]:
    for row in rows:
        yield row


def payments_export(
    secret: str, kind: str, production: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint for `kind` (csv or xlsx): staff get the file, others 401 or 403, bad days 400."""

    async def endpoint(request: Request) -> Response:
        actor = await downloading_user(request, secret=secret, production=production)
        if refused := staff_refusal(actor):
            return refused
        try:
            day = due_before(request.query_params, datetime.now(SWISS_TIME).date())
        except BadQuery as error:
            return JSONResponse(error.body(), status_code=400)
        rows = await payment_rows(actor=actor, due_on_or_before=day)
        filename = f"payments-{day.isoformat()}.{kind}"
        if kind == "xlsx":
            return await xlsx_response(_rows(rows), sheet_title="Zahlungen", filename=filename)
        return StreamingResponse(
            csv_body(_rows(rows)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return endpoint
