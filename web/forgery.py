"""Every POST to the portal is checked for the browser's CSRF token before any page sees it.

The guard is the one place the token is checked: it holds for every route at once, including
ones written later, so no page can forget it. Pages read the (already checked) form with
`read_form`. The body (already capped by the server's request guard) is read once and handed on
unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.session import carries_token

#: Renders the refusal: (request, status) -> the error page.
RefusalPage = Callable[[Request, int], Awaitable[Response]]


async def read_form(request: Request) -> FormData:
    """A posted form as the portal's forms are: fields only, no files, at most 2,000 of them."""
    return await request.form(max_files=0, max_fields=2000)


class ForgeryGuard:
    """Answer 403 (the "form expired" page) to a POST without this browser's token; pass the rest on."""

    def __init__(self, app: ASGIApp, *, secret: str, refusal: RefusalPage) -> None:
        self.app = app
        self.secret = secret
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
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
            response = await self.refusal(Request(scope, receive), 400)
            await response(scope, receive, send)
            return
        if not carries_token(request, form, self.secret):
            response = await self.refusal(Request(scope, receive), 403)
            await response(scope, receive, send)
            return
        sent = False
        await self.app(scope, replay, send)
