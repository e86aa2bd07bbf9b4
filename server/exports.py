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
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from grants import exports
from grants.applications import ApplicationFilter
from grants.errors import DomainError
from grants.exports import Cell, Row
from grants.models import ApplicationStatus
from server.auth import caller

DATE_FORMAT = "yyyy-mm-dd"
# Excel cannot hold a time zone: times are written in UTC and the format says so.
TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss "UTC"'


def _filter(request: Request) -> ApplicationFilter:
    params = request.query_params
    statuses = [
        ApplicationStatus(value)
        for value in params.getlist("status")
        if value in ApplicationStatus.__members__
    ]
    return ApplicationFilter(
        statuses=statuses, funding_area=params.get("fundingArea") or None, search=params.get("search") or None
    )


async def _csv(rows: AsyncIterator[Row]) -> AsyncIterator[str]:
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


async def _xlsx(rows: AsyncIterator[Row]) -> Response:
    spool = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 (removed after sending)
    spool.close()
    try:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Gesuche")
        async for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        workbook.save(spool.name)
    except BaseException:
        os.unlink(spool.name)
        raise
    return FileResponse(
        spool.name,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="applications.xlsx",
        background=BackgroundTask(os.unlink, spool.name),
    )


def applications_export(secret: str, kind: str) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint for `kind` (csv or xlsx), for staff with a bearer token; others get 401 or 403."""

    async def endpoint(request: Request) -> Response:
        _, actor = await caller(request.headers.get("authorization"), secret=secret)
        try:
            exports.require_staff(actor)
        except DomainError as error:
            status = 401 if actor is None else 403
            return JSONResponse(
                {"error": error.problems[0].message, "code": error.code.value}, status_code=status
            )
        rows = exports.application_rows(actor=actor, filter=_filter(request))
        if kind == "xlsx":
            return await _xlsx(rows)
        return StreamingResponse(
            _csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="applications.csv"'},
        )

    return endpoint
