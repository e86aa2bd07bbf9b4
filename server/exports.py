"""GET /exports/applications.csv and .xlsx: the staff export, filtered like the applications query.

CSV is streamed row by row; XLSX is written row by row (openpyxl's write-only mode) into a
temporary file that is then sent, so neither sits in memory whole.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable

from openpyxl import Workbook
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from grants import exports
from grants.applications import ApplicationFilter
from grants.errors import DomainError
from grants.models import ApplicationStatus
from server.auth import caller


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


async def _csv(rows: AsyncIterator[list[str]]) -> AsyncIterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    async for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


async def _xlsx(rows: AsyncIterator[list[str]]) -> Response:
    spool = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 (removed after sending)
    spool.close()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Gesuche")
    async for row in rows:
        sheet.append(row)
    workbook.save(spool.name)
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
        rows = exports.application_rows(actor=actor, filter=_filter(request))
        try:
            first = await anext(rows)  # the role check happens before the first row
        except DomainError as error:
            status = 401 if actor is None else 403
            return JSONResponse(
                {"error": error.problems[0].message, "code": error.code.value}, status_code=status
            )

        async def body() -> AsyncIterator[list[str]]:
            yield first
            async for row in rows:
                yield row

        if kind == "xlsx":
            return await _xlsx(body())
        return StreamingResponse(
            _csv(body()),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="applications.csv"'},
        )

    return endpoint
