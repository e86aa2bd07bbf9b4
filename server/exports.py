"""GET /exports/applications.csv and .xlsx: the staff export, filtered like the applications query.

CSV is streamed row by row; XLSX is written row by row (openpyxl's write-only mode) into a
temporary file that is then sent, so neither sits in memory whole. grants.exports yields typed cells
whose text is already safe from formula injection; this module only renders the types: in CSV text
is quoted and numbers are bare; in XLSX text is a string cell, never a formula or an error value.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from starlette.background import BackgroundTask
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from grants import exports, programmes
from grants.applications import ApplicationFilter
from grants.calls import list_calls
from grants.errors import DomainError
from grants.exports import Cell, Row
from grants.models import ApplicationStatus, User
from server.auth import downloading_user

PARAMETERS = ("status", "fundingArea", "search", "call")
STATUSES = tuple(status.value for status in ApplicationStatus)
DATE_FORMAT = "yyyy-mm-dd"
# Excel cannot hold a time zone: times are written in UTC and the format says so.
TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"'


class BadQuery(Exception):
    """A query parameter the export does not understand: answered 400, nothing exported."""

    def __init__(self, parameter: str, message: str, allowed: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.allowed = allowed

    def body(self) -> dict[str, Any]:
        """The JSON answer: the message, the parameter at fault and, for a closed set, its values."""
        answer: dict[str, Any] = {"error": self.message, "code": "INVALID", "parameter": self.parameter}
        if self.allowed is not None:
            answer["allowed"] = list(self.allowed)
        return answer


def _one_of(parameter: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise BadQuery(parameter, f"Unknown {parameter} {value!r}; allowed: {', '.join(allowed)}", allowed)
    return value


def _single(params: QueryParams, parameter: str, allowed: tuple[str, ...] | None = None) -> str | None:
    values = params.getlist(parameter)
    if len(values) > 1:
        raise BadQuery(parameter, f"Give {parameter} at most once", allowed)
    return values[0] if values else None


async def _filter(params: QueryParams) -> ApplicationFilter:
    """The filter the query asks for; anything unknown is refused rather than ignored.

    Ignoring it would silently export more than the caller asked for.
    """
    for name in params:
        if name not in PARAMETERS:
            message = f"Unknown parameter {name!r}; allowed: {', '.join(PARAMETERS)}"
            raise BadQuery(name, message, PARAMETERS)
    statuses = [ApplicationStatus(_one_of("status", value, STATUSES)) for value in params.getlist("status")]
    areas = tuple(area.code for area in await programmes.list_funding_areas())
    funding_area = _single(params, "fundingArea", areas)
    if funding_area is not None:
        _one_of("fundingArea", funding_area, areas)
    call = _single(params, "call")
    call_id = None
    if call is not None:
        # A call by its reference (CALL-2026-01), as people read it; there are few calls.
        ids = {c.reference: c.id for c in await list_calls(status=None, now=datetime.now(UTC))}
        call_id = ids.get(_one_of("call", call, tuple(ids)))
    search = _single(params, "search")
    if search is not None and "\0" in search:
        # PostgreSQL refuses NUL in text: the query would fail half-way through the download.
        raise BadQuery("search", "search must not contain the NUL character")
    return ApplicationFilter(
        statuses=statuses, call_id=call_id, funding_area=funding_area, search=search or None
    )


async def csv_body(rows: AsyncIterator[Row]) -> AsyncIterator[str]:
    """The rows as CSV text, a row at a time (for a StreamingResponse)."""
    buffer = io.StringIO()
    # Text is always quoted (OWASP's advice: a reader splitting on another separator still sees one
    # cell); numbers are left bare so that they stay numbers.
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    async for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _csv_cell(cell: Cell) -> str | Decimal | int:
    if cell is None:
        return ""
    if isinstance(cell, date):  # datetime included: ISO 8601, the time with its UTC offset
        return cell.isoformat()
    return cell  # Decimal as written (exactly its decimals), int, or text


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    """An openpyxl cell of the value's own type: string, number or date; never a formula."""
    if value is None:
        return None
    if isinstance(value, str):
        # Characters XML cannot hold would make openpyxl raise: shown as U+FFFD instead.
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        cell.data_type = "s"  # openpyxl would read "#REF!" as an error value: text stays text
    elif isinstance(value, Decimal):
        # The exact decimal literal goes into the file: openpyxl would write a Decimal through
        # float and "%.16g", which changes amounts from 2**39 (549755814887.94 -> ...887.9399).
        cell = WriteOnlyCell(sheet, value=format(value, "f"))
        cell.data_type = "n"
        decimals = max(0, -int(value.as_tuple().exponent))
        cell.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    elif isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value.astimezone(UTC).replace(tzinfo=None))
        cell.number_format = TIME_FORMAT
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=value)
    return cell


async def xlsx_response(
    rows: AsyncIterator[Row], *, sheet_title: str = "Gesuche", filename: str = "applications.xlsx"
) -> Response:
    """The rows as one XLSX sheet, written to a temporary file that is removed once sent."""
    spool = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 (removed after sending)
    spool.close()
    try:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(sheet_title)
        async for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        workbook.save(spool.name)
    except BaseException:
        os.unlink(spool.name)
        raise
    return FileResponse(
        spool.name,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=filename,
        background=BackgroundTask(os.unlink, spool.name),
    )


def staff_refusal(actor: User | None) -> Response | None:
    """None for staff; for anyone else the export's refusal: 401 when not signed in, 403 otherwise."""
    try:
        exports.require_staff(actor)
    except DomainError as error:
        status = 401 if actor is None else 403
        body = {"error": error.problems[0].message, "code": error.code.value}
        return JSONResponse(body, status_code=status)
    return None


def applications_export(
    secret: str, kind: str, production: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint for `kind` (csv or xlsx), for staff with a bearer token; others get 401 or 403.

    Without an `Authorization` header the portal's session cookie counts too, so a signed-in staff
    member can follow the queue's download link. That is safe for this GET: it changes nothing, and
    another site can make the browser download the file but never read it.
    A staff member's query with an unknown parameter or value gets 400 and no file.
    """

    async def endpoint(request: Request) -> Response:
        # Staff who must set up two-factor sign-in first export nothing, as if not signed in.
        actor = await downloading_user(request, secret=secret, production=production)
        if refused := staff_refusal(actor):
            return refused
        try:
            filter = await _filter(request.query_params)
        except BadQuery as error:
            return JSONResponse(error.body(), status_code=400)
        rows = exports.application_rows(actor=actor, filter=filter)
        if kind == "xlsx":
            return await xlsx_response(rows)
        return StreamingResponse(
            csv_body(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="applications.csv"'},
        )

    return endpoint
