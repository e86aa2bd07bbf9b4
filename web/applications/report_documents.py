"""Receipts and attachments of a report (kind REPORT_ATTACHMENT): added while the report waits for the
programme office (SUBMITTED), as the API allows; the list stays afterwards.

Like the Documents section this is an upload route (web/uploads.py): the ForgeryGuard read the form as
it streamed in and checked its token; the page attaches the file to the report waiting now.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from web.applications import documents, loading
from web.applications.overview import REPORT_KINDS
from web.execute import FieldProblem
from web.forms import Problems
from web.i18n import gettext
from web.page import Page
from web.uploads import UploadRoute, received_upload

KIND = "REPORT_ATTACHMENT"


def routes() -> list[BaseRoute]:
    """The page of a report's attachments."""
    path = "/applications/{reference}/reports/documents"
    return [UploadRoute(path, report_documents_page, methods=["GET", "POST"])]


def waiting_report(app: dict[str, Any]) -> dict[str, Any] | None:
    """The report waiting for the programme office (the one attachments go to), if any."""
    waiting = [report for report in app["reports"] if report["status"] == "SUBMITTED"]
    return waiting[-1] if waiting else None


async def render(
    page: Page, app: dict[str, Any], *, problems: Problems | None = None, status: int = 200, done: str = ""
) -> Response:
    """The report's attachments, and the form while a report waits."""
    report = waiting_report(app)
    kind_label = REPORT_KINDS[report["kind"]] if report else ""
    return await page.render(
        "applications/report_documents.html",
        status=status,
        app=app,
        report=report,
        report_kind=gettext(kind_label) if kind_label else "",
        attachments=[document for document in app["documents"] if document["kind"] == KIND],
        problems=problems or Problems(),
        limit=documents.limit_mb(page),
        done=done,
    )


async def report_documents_page(request: Request) -> Response:
    """GET: the report's attachments. POST (a form with a file): attach it to the waiting report."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    app = await loading.application(page, "ReportDocuments", reference)
    if request.method == "GET":
        return await render(page, app, done=request.query_params.get("done", ""))
    upload = received_upload(request)
    if upload.form is not None:
        upload.form.fields["kind"] = [KIND]  # the one kind this page attaches
    _, local = documents.attach_problems(upload, limit=documents.limit_mb(page), kinds=(KIND,))
    if local:
        status = 413 if upload.refused is not None else 400
        return await render(page, app, problems=Problems.of(local, ("file",)), status=status)
    assert upload.form is not None
    report = waiting_report(app)
    variables = {
        "application": app["id"],
        "report": report["id"] if report else None,
        "kind": KIND,
        "file": upload.form.files["file"],
    }
    outcome = await page.run("AttachDocument", {"input": variables})
    refused: list[FieldProblem] = outcome.problems("attachDocument")
    if refused:
        return await render(page, app, problems=Problems.of(refused, ("file",)), status=400)
    return page.redirect(f"/applications/{reference}/reports/documents?done=attached")
