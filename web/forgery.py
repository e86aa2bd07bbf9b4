"""Every POST to the portal is checked for the browser's CSRF token before any page sees it.

The guard is the one place the token is checked: it holds for every route at once, including
ones written later, so no page can forget it. Pages read the (already checked) form with
`read_form`. The body (already capped by the server's request guard) is read once and handed on
unchanged.

Forms with files go to upload routes only (web/uploads.py). For those the guard reads the body
itself as it streams in (schema/base/uploads.py: files spooled to temporary files, counted, refused
the moment one passes its limit), checks the token among the form's fields, and hands the page the
read form; the temporary files are gone once the page has answered. A wrong or missing token is
refused before the page runs, so nothing is stored. A multipart body to any other route is a 400.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.base.uploads import Multipart, UploadLimits, UploadRefused, read_multipart
from web.session import carries_token
from web.uploads import UPLOAD, PortalUpload

#: Renders the refusal: (request, status) -> the error page.
RefusalPage = Callable[[Request, int], Awaitable[Response]]


async def read_form(request: Request) -> FormData:
    """A posted form as the portal's forms are: fields only, no files, at most 2,000 of them."""
    return await request.form(max_files=0, max_fields=2000)


def fields_of(form: Multipart) -> FormData:
    """The text fields of a multipart form, as `carries_token` reads a form."""
    return FormData([(name, value) for name, values in form.fields.items() for value in values])


def _is_multipart(scope: Scope) -> bool:
    content_type: bytes = dict(scope["headers"]).get(b"content-type", b"")
    return content_type.split(b";", 1)[0].strip().lower() == b"multipart/form-data"


class ForgeryGuard:
    """Answer 403 (the "form expired" page) to a POST without this browser's token; pass the rest on."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        secret: str,
        refusal: RefusalPage,
        is_upload: Callable[[str], bool] = lambda path: False,
        upload_limits: UploadLimits | None = None,
    ) -> None:
        self.app = app
        self.secret = secret
        self.refusal = refusal
        self.is_upload = is_upload
        self.upload_limits = upload_limits or UploadLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if self.is_upload(scope["path"]) and _is_multipart(scope):
            await self._upload(scope, receive, send)
            return
        body = await Request(scope, receive).body()
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()  # after the body: only a disconnect can come
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        request = Request(scope, replay)
        try:
            form = await read_form(request)
        except HTTPException:  # not a form the portal could have sent (files, thousands of fields)
            await self._refuse(scope, receive, send, 400)
            return
        if not carries_token(request, form, self.secret):
            await self._refuse(scope, receive, send, 403)
            return
        sent = False
        await self.app(scope, replay, send)

    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A form with files: streamed within the limits, its token checked before the page runs."""
        request = Request(scope, receive)
        content_type = request.headers.get("content-type", "")
        limits = self.upload_limits
        if _announced_size(scope) > limits.max_file_bytes + limits.max_field_bytes:
            # Said too large before it is sent: the page says so at once, the body left unread.
            refused = UploadRefused(413, "BODY_TOO_LARGE", "The request body is too large")
            scope[UPLOAD] = PortalUpload(form=None, refused=refused)
            await self.app(scope, _after_body(receive), send)
            return
        try:
            async with read_multipart(request.stream(), content_type=content_type, limits=limits) as form:
                if not carries_token(request, fields_of(form), self.secret):
                    await self._refuse(scope, receive, send, 403)
                    return
                scope[UPLOAD] = PortalUpload(form=form)
                await self.app(scope, _after_body(receive), send)
        except UploadRefused as refusal:
            if refusal.status != 413:
                await self._refuse(scope, receive, send, 400)
                return
            # Too large: the page says so at its file field (it changes nothing, so no token is needed).
            # The rest of the body is read and dropped first, within a bound, so the browser, still
            # sending, gets to see the answer.
            await _drain(receive, self.upload_limits.max_file_bytes + self.upload_limits.max_field_bytes)
            scope[UPLOAD] = PortalUpload(form=None, refused=refusal)
            await self.app(scope, _after_body(receive), send)
        except ClientDisconnect:
            return  # nothing kept, nobody to answer
        except TimeoutError:
            await self._refuse(scope, receive, send, 400)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int) -> None:
        response = await self.refusal(Request(scope, receive), status)
        await response(scope, receive, send)


def _announced_size(scope: Scope) -> int:
    """The Content-Length the client announced (0 when none or not a number: the reader counts anyway)."""
    text = dict(scope["headers"]).get(b"content-length", b"")
    return int(text) if text.isdigit() and len(text) < 19 else 0


def _after_body(receive: Receive) -> Receive:
    """The page's receive once the guard has read the body: an empty end, then only a disconnect."""
    given = False

    async def after() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": b"", "more_body": False}

    return after


async def _drain(receive: Receive, bound: int) -> None:
    """Read and drop what is left of a refused body, at most `bound` bytes of it."""
    dropped = 0
    with suppress(TimeoutError):
        while dropped <= bound:
            message = await receive()
            if message["type"] != "http.request":
                return
            dropped += len(message.get("body", b""))
            if not message.get("more_body", False):
                return
