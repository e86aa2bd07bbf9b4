"""The application form's Documents section: the attached files, a form to attach one, and removal.

Attaching is a form with a file (an upload route, web/uploads.py): the ForgeryGuard has read it as it
streamed in, within the limits, and checked its token before the page runs; the page hands the
received file to `attachDocument` as its Upload variable. Once the application is submitted the
section lists the documents only; the API refuses any change then, whatever is posted.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.applications import forms, loading
from web.execute import FieldProblem
from web.forms import Problems
from web.i18n import gettext
from web.labels import N_, document_kind_label
from web.page import Page
from web.uploads import PortalUpload, UploadRoute, received_upload

#: The kinds an applicant attaches to the application (the decision letter is kipnet's, report
#: attachments belong to a report).
KINDS = ("PROJECT_DESCRIPTION", "BUDGET", "STATUTES", "ANNUAL_REPORT", "OTHER")
#: The form's fields, named after AttachDocumentInput.
FIELDS = ("kind", "file")
KIND_MISSING = N_("Choose what the document is")
FILE_MISSING = N_("Select a file")
TOO_LARGE = N_("The selected file must be smaller than %(size)s MB")
MEGABYTE = 1024 * 1024


def routes() -> list[BaseRoute]:
    """The section's pages (listed before the other sections' catch-all route)."""
    return [
        UploadRoute("/applications/{reference}/documents", documents_page, methods=["GET", "POST"]),
        Route("/applications/{reference}/documents/remove", remove_page, methods=["POST"]),
    ]


def limit_mb(page: Page) -> int:
    """The largest file the form takes, in whole MB (the API's per-file limit)."""
    return page.portal.upload_limits.max_file_bytes // MEGABYTE


def attach_problems(
    upload: PortalUpload, *, limit: int, kinds: tuple[str, ...] = KINDS
) -> tuple[dict[str, str], list[FieldProblem]]:
    """The posted kind (to show again) and what stops the upload reaching the API (pure)."""
    if upload.form is None:
        too_large = gettext(TOO_LARGE) % {"size": limit}
        return {"kind": ""}, [FieldProblem(("input", "file"), too_large, "INVALID")]
    values = {"kind": upload.form.field("kind") or ""}
    problems = []
    if values["kind"] not in kinds:
        problems.append(forms.local_problem("kind", KIND_MISSING))
    file = upload.form.files.get("file")
    if file is None or (file.size == 0 and not file.filename):
        problems.append(forms.local_problem("file", FILE_MISSING))
    return values, problems


async def render(
    page: Page,
    app: dict[str, Any],
    *,
    values: dict[str, str] | None = None,
    problems: Problems | None = None,
    status: int = 200,
    done: str = "",
) -> Response:
    """The section with its list, and its form while the application may be edited."""
    return await page.render(
        "applications/section_documents.html",
        status=status,
        app=app,
        section="documents",
        sections=[(name, gettext(title)) for name, title in forms.SECTION_TITLES.items()],
        values=values or {"kind": ""},
        problems=problems or Problems(),
        kinds=[("", gettext("Choose"))] + [(kind, document_kind_label(kind)) for kind in KINDS],
        limit=limit_mb(page),
        done=done,
    )


async def documents_page(request: Request) -> Response:
    """GET: the documents, and the form while editable. POST (a form with a file): attach it."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    app = await loading.application(page, "ApplicationForm", reference)
    if request.method == "GET":
        return await render(page, app, done=request.query_params.get("done", ""))
    upload = received_upload(request)
    values, local = attach_problems(upload, limit=limit_mb(page))
    if local:
        status = 413 if upload.refused is not None else 400
        return await render(page, app, values=values, problems=Problems.of(local, FIELDS), status=status)
    assert upload.form is not None
    variables = {"application": app["id"], "kind": values["kind"], "file": upload.form.files["file"]}
    outcome = await page.run("AttachDocument", {"input": variables})
    refused = outcome.problems("attachDocument")
    if refused:
        return await render(page, app, values=values, problems=Problems.of(refused, FIELDS), status=400)
    return page.redirect(f"/applications/{reference}/documents?done=attached")


async def remove_page(request: Request) -> Response:
    """POST: remove one document (refused once submitted: the reason shown, nothing changed)."""
    page = Page(request)
    if gate := await loading.sign_in_first(page):
        return gate
    reference = request.path_params["reference"]
    app = await loading.application(page, "ApplicationForm", reference)
    form = await page.form()
    document = loading.single_values(form).get("document", "")
    outcome = await page.run("RemoveDocument", {"input": {"id": document[:200]}})
    refused = outcome.problems("removeDocument")
    if refused:
        return await render(page, app, problems=Problems.of(refused, ()), status=400)
    return page.redirect(f"/applications/{reference}/documents?done=removed")
