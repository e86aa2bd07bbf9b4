"""Request ids and the access log: the id is taken from X-Request-Id or made up, echoed, and logged.

A request whose client went away before its answer was sent is logged with status 499 ("client closed
request", as nginx does): it is no fault of the server, whatever the app did meanwhile.
"""

from __future__ import annotations

import logging
import os
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.guard import client_closed
from server.logs import current_request_id, redacted_path

HEADER = "x-request-id"
_HEADER_BYTES = HEADER.encode()
CLIENT_CLOSED_REQUEST = 499
# A client's id is trusted only if it is short and plain, so it cannot forge log lines.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
access_log = logging.getLogger("kipnet.access")


def request_id_from(header: str | None) -> str:
    """The client's request id if it is acceptable, else a fresh random one."""
    return header if header and _ACCEPTABLE.match(header) else os.urandom(16).hex()


class RequestIdMiddleware:
    """Give every HTTP request an id (scope state, log context, X-Request-Id) and log one access line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope["headers"]).get(HEADER.encode())
        request_id = request_id_from(sent.decode("latin-1") if sent else None)
        scope.setdefault("state", {})["request_id"] = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    (name, value) for name, value in message.get("headers", ()) if name != _HEADER_BYTES
                ]
                headers.append((_HEADER_BYTES, request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            closed = client_closed(scope)
            if closed:
                status = CLIENT_CLOSED_REQUEST
            # A link's token must not reach the logs: whoever reads them could use it.
            path = redacted_path(scope["path"])
            access_log.info(
                "%s %s %d%s",
                scope["method"],
                path,
                status,
                " client closed request" if closed else "",
                extra={
                    "method": scope["method"],
                    "path": path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "client": (scope.get("client") or ("-",))[0],
                },
            )
            current_request_id.reset(token)
