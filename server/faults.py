"""Faults outside GraphQL: every one logged once with its traceback and answered as a JSON 500.

Starlette's ServerErrorMiddleware answers an escaped exception with plain text and hands it on to the
server, which logs it and, had nothing been answered, sends a bare 500 of its own. kipnet wraps the
whole Starlette app instead (see server/app.py): Starlette's handler answers JSON (`internal_error`),
and `FaultBarrier` logs the fault under the request id and lets nothing reach the server. A client
that went away is no fault: it is noted for the access line (status 499) and not logged as an error.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.guard import CLIENT_CLOSED
from server.logs import current_request_id, redacted_path
from server.responses import accept_of, error_response

logger = logging.getLogger("kipnet.errors")
INTERNAL = "Internal server error"
_HTTP_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def _internal_error(scope: Scope) -> Response:
    return error_response(
        accept_of(scope), 500, INTERNAL, "INTERNAL", extensions={"requestId": current_request_id.get()}
    )


async def internal_error(request: Request, exc: Exception) -> Response:
    """Starlette's 500 handler: the masked error with the request id, as GraphQL JSON."""
    return _internal_error(request.scope)


async def http_refusal(request: Request, exc: Exception) -> Response:
    """Starlette's HTTPException handler (unknown path, wrong method): a GraphQL error as JSON."""
    assert isinstance(exc, HTTPException)
    return error_response(
        request.headers.get("accept"),
        exc.status_code,
        exc.detail,
        _HTTP_CODES.get(exc.status_code, "BAD_REQUEST"),
        headers=exc.headers,
    )


class FaultBarrier:
    """Log an escaped exception once, answer JSON 500 if nothing was answered yet; never re-raise."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except ClientDisconnect:
            scope[CLIENT_CLOSED] = True
        except Exception:
            logger.error(
                "unhandled error in %s %s", scope["method"], redacted_path(scope["path"]), exc_info=True
            )
            if not started:
                await _internal_error(scope)(scope, receive, send)
