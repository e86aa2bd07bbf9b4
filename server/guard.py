"""The request before the app sees it: the whole body within a size and a time, JSON not nested too deeply,
and a client that goes away noticed (the access line then says 499, "client closed request").

Reading the body here, up front, means a client trickling it in holds the connection only for the body
timeout (then 408), an oversized one is cut off as soon as it says or shows so (413), and JSON nested
deeper than any GraphQL request needs is refused (400) before `json.loads` could recurse itself into a
RecursionError. The app then reads the same body from memory.
"""

from __future__ import annotations

import asyncio
import operator
import re
from collections.abc import Sequence
from itertools import accumulate, count, repeat
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.responses import error_response

#: Deeper than any GraphQL request's variables need; far below where json.loads would recurse too deep.
MAX_JSON_DEPTH = 64
#: Scope key set when the client went away before its answer was sent.
CLIENT_CLOSED = "kipnet.client_closed"
#: Scope keys of the request body and headers as read here (later layers look at them, not read again).
BODY = "kipnet.body"
HEADERS = "kipnet.headers"
#: Scope key set on an upload (multipart/form-data on an upload path): its body is not read here but
#: streamed to the app, which counts it as it arrives (schema/base/uploads.py).
STREAMED = "kipnet.streamed"
# Query-string parameters holding JSON (GraphQL over HTTP, GET).
_JSON_PARAMETERS = ("variables", "extensions")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
# An opening bracket weighs 2, a closing one 0, anything else goes: after k brackets the running sum
# minus k is the nesting depth there.
_WEIGHTS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def nested_deeper_than(data: bytes, limit: int) -> bool:
    """True if the JSON text `data` opens more than `limit` arrays or objects inside each other
    (closed or not: json.loads recurses into unclosed ones just the same).

    Brackets inside strings do not count. Every step runs in C, and the scan stops at the first
    bracket too deep; a body with few brackets is not scanned at all.
    """
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    weights = _STRING.sub(b"", data).translate(_WEIGHTS, _NOT_BRACKETS)
    depths = map(operator.sub, accumulate(weights), count(1))
    return any(map(operator.lt, repeat(limit), depths))


def client_closed(scope: Scope) -> bool:
    """True if the client of this request went away before its answer was sent."""
    return bool(scope.get(CLIENT_CLOSED))


class _TooLarge(Exception):
    pass


class _Gone(Exception):
    pass


def streamed(scope: Scope) -> bool:
    """True for an upload whose body the app reads itself as it streams in."""
    return bool(scope.get(STREAMED))


def is_multipart(content_type: bytes | None) -> bool:
    """True when a Content-Type says the body is multipart/form-data."""
    return (content_type or b"").split(b";", 1)[0].strip().lower() == b"multipart/form-data"


class RequestGuard:
    """Read each request's body whole (bounded in size and time), check its JSON depth, replay it.

    Uploads (a multipart POST to a path one of `upload_paths` matches whole) are the exception: their
    body may be as large as `max_upload_bytes` and is handed on unread, each chunk still due within the
    body timeout, for the app to count and refuse the moment a file passes its limit. On the paths of
    `pages_refusing_size` (the portal's upload forms) an announced size over the limit is passed on too,
    unread: the page says so at its file field rather than the browser showing this guard's JSON.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        body_timeout_seconds: float,
        max_upload_bytes: int = 0,
        upload_paths: Sequence[re.Pattern[str]] = (),
        pages_refusing_size: Sequence[re.Pattern[str]] = (),
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout_seconds = body_timeout_seconds
        self.max_upload_bytes = max_upload_bytes
        self.upload_paths = upload_paths
        self.pages_refusing_size = pages_refusing_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])  # names come in lower case (ASGI)
        accept_raw = headers.get(b"accept")
        accept = accept_raw.decode("latin-1") if accept_raw is not None else None
        if self._query_string_too_deep(scope):
            await self._refuse(scope, receive, send, 400, "INVALID", accept)
            return
        if (
            scope["method"] == "POST"
            and self._takes_uploads(scope["path"])
            and is_multipart(headers.get(b"content-type"))
        ):
            await self._stream(scope, receive, send, headers, accept)
            return
        if self._announced_size(headers) > self.max_body_bytes:
            await self._refuse(scope, receive, send, 413, "BODY_TOO_LARGE", accept)
            return
        try:
            if _no_body(scope, headers):
                body = await self._read(receive)  # the server hands over the empty body at once
            else:
                async with asyncio.timeout(self.body_timeout_seconds):
                    body = await self._read(receive)
        except TimeoutError:
            await self._refuse(scope, receive, send, 408, "BODY_TIMEOUT", accept, close=True)
            return
        except _TooLarge:
            await self._refuse(scope, receive, send, 413, "BODY_TOO_LARGE", accept)
            return
        except _Gone:
            scope[CLIENT_CLOSED] = True
            return
        if nested_deeper_than(body, MAX_JSON_DEPTH):
            await self._refuse(scope, receive, send, 400, "INVALID", accept)
            return
        scope[BODY] = body
        scope[HEADERS] = headers
        await self.app(
            scope, replaying({"type": "http.request", "body": body, "more_body": False}, receive), send
        )

    def _takes_uploads(self, path: str) -> bool:
        return any(pattern.fullmatch(path) for pattern in self.upload_paths)

    async def _stream(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes], accept: str | None
    ) -> None:
        if self._announced_size(headers) > self.max_upload_bytes and not any(
            pattern.fullmatch(scope["path"]) for pattern in self.pages_refusing_size
        ):
            await self._refuse(
                scope, receive, send, 413, "BODY_TOO_LARGE", accept, limit=self.max_upload_bytes
            )
            return
        scope[STREAMED] = True
        scope[HEADERS] = headers
        complete = False

        async def timed() -> Message:
            # Each chunk within the body timeout while the body comes; after it, a wait is for the
            # client's disconnect, which takes as long as it takes.
            nonlocal complete
            if complete:
                return await receive()
            async with asyncio.timeout(self.body_timeout_seconds):
                message = await receive()
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, timed, send)

    def _query_string_too_deep(self, scope: Scope) -> bool:
        raw = scope.get("query_string", b"")
        upper = raw.upper()
        if upper.count(b"%7B") + upper.count(b"%5B") + raw.count(b"{") + raw.count(b"[") <= MAX_JSON_DEPTH:
            return False  # too few brackets to nest that deep, encoded or not
        query = raw.decode("latin-1")
        return any(
            name in _JSON_PARAMETERS and nested_deeper_than(value.encode(), MAX_JSON_DEPTH)
            for name, value in parse_qsl(query, keep_blank_values=True)
        )

    @staticmethod
    def _announced_size(headers: dict[bytes, bytes]) -> int:
        try:
            return int(headers.get(b"content-length", b"0"))
        except ValueError:
            return 0  # the server refuses a malformed length before the app is called

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Gone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _refuse(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        code: str,
        accept: str | None,
        *,
        close: bool = False,
        limit: int | None = None,
    ) -> None:
        message = {
            400: f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep",
            408: f"The request body did not arrive within {self.body_timeout_seconds:g} seconds",
            413: f"The request body is larger than {limit or self.max_body_bytes} bytes",
        }[status]
        # A body late in coming is not worth waiting for: close the connection after the 408. A body too
        # large keeps coming fast, and closing on unread data would reset the connection before the
        # client read the 413: the server reads the rest and drops it (no worker is involved).
        headers = {"connection": "close"} if close else None
        await error_response(accept, status, message, code, headers=headers)(scope, receive, send)


def replaying(first: Message, receive: Receive) -> Receive:
    """`receive`, but handing out `first` (a message already read) before anything else."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return first
        return await receive()

    return replay


def _no_body(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """True for a GET or HEAD that announces no body (neither a length nor chunks)."""
    return (
        scope["method"] in ("GET", "HEAD")
        and b"content-length" not in headers
        and b"transfer-encoding" not in headers
    )
