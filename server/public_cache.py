"""Public /graphql answers straight from memory, with an ETag, before GraphQL is even looked at.

The schema keeps public answers for every caller (schema/base/public_cache.py); this layer keeps the
bytes of the HTTP answers that the endpoint marked public (`Cache-Control: public`), keyed by
everything the answer depends on: method, query string, body, media type and languages asked for,
under the same `Stamp` (grants/freshness.py). A request with an `Authorization` header never comes
in here. A public answer carries a strong `ETag`; a GET whose `If-None-Match` names it gets
`304 Not Modified` without a body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grants.freshness import Freshness, Stamp, StampedCache
from schema.base.public_cache import STAMP_HEADER
from server.guard import BODY, HEADERS, streamed

#: Request headers an answer may differ by (besides method, query string and body).
_VARYING = (b"accept", b"accept-language", b"content-type")
_KEPT_HEADERS = (b"content-type", b"cache-control", b"vary")
_STAMP = STAMP_HEADER.encode("ascii")


@dataclass(frozen=True, slots=True)
class KeptAnswer:
    """A public answer as sent: its headers (without length) and body, and its ETag."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes

    def start(self, status: int, source: bytes) -> dict[str, object]:
        """The ASGI start message of this answer with `status` (200 or 304)."""
        # X-Kipnet-Cache says whether this process had the answer already (for operators and tests).
        headers = [*self.headers, (b"etag", self.etag), (b"x-kipnet-cache", source)]
        if status != 304:
            headers.append((b"content-length", b"%d" % len(self.body)))
        return {"type": "http.response.start", "status": status, "headers": headers}


class PublicAnswerCache:
    """ASGI middleware in front of /graphql: public answers from memory while the stamp stands."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        freshness: Freshness,
        max_bytes: int,
        clock: Callable[[], datetime],
        path: str = "/graphql",
    ) -> None:
        self.app = app
        self.freshness = freshness
        self.cache: StampedCache[KeptAnswer] = StampedCache(max_bytes)
        self.clock = clock
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = scope[HEADERS]  # read by the request guard in front
        if b"authorization" in headers or streamed(scope):
            await self.app(scope, receive, send)
            return
        key = (
            scope["method"],
            scope["query_string"],
            scope.get(BODY, b""),
            *(headers.get(name) for name in _VARYING),
        )
        kept = None
        if self.cache.holds(key):
            # Only a question answered publicly before costs a look at the database; a new or refused
            # one goes straight on (the schema reads the stamp itself, after the document passed).
            kept = self.cache.get(await self.freshness.stamp(self.clock()), key)
        source = b"hit"
        if kept is None:
            answered = await self._answer_and_keep(scope, receive, send)
            if answered is None:
                return
            stamp, kept = answered
            self.cache.put(stamp, key, kept, len(kept.body) + len(key[1]) + len(key[2]) + 256)
            source = b"miss"
        not_modified = scope["method"] == "GET" and _names(headers.get(b"if-none-match"), kept.etag)
        await _send(send, kept, 304 if not_modified else 200, source)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send
    ) -> tuple[Stamp, KeptAnswer] | None:
        """Run the app; a public 200 is returned (not yet sent) with its stamp, anything else is sent."""
        start: Message | None = None
        chunks: list[bytes] = []
        passed_on = False

        async def hold(message: Message) -> None:
            nonlocal start, passed_on
            if passed_on:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
                if message["status"] != 200 or _stamp_of(message["headers"]) is None:
                    passed_on = True
                    await send(message)
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, hold)
        if passed_on or start is None:
            return None
        stamp = _stamp_of(start["headers"])
        assert stamp is not None  # checked in hold()
        body = b"".join(chunks)
        headers = tuple((name, value) for name, value in start["headers"] if name in _KEPT_HEADERS)
        etag = b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
        return stamp, KeptAnswer(headers, body, etag)


def _stamp_of(headers: list[tuple[bytes, bytes]]) -> Stamp | None:
    """The stamp a public answer was computed under (the schema says so in a header), else None."""
    for name, value in headers:
        if name == _STAMP:
            return Stamp.parse(value.decode("ascii"))
    return None


def _names(if_none_match: bytes | None, etag: bytes) -> bool:
    """True if an If-None-Match header names `etag` (weakly compared, as RFC 9110 asks for it) or is `*`."""
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b",")]
    return etag in tags or b"*" in tags


async def _send(send: Send, kept: KeptAnswer, status: int, source: bytes) -> None:
    await send(kept.start(status, source))
    await send({"type": "http.response.body", "body": b"" if status == 304 else kept.body})
