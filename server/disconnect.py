"""Noticing a client that goes away while its answer is being made (the access line then says 499)."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.guard import CLIENT_CLOSED, replaying, streamed


class DisconnectWatch:
    """Notice a client that goes away while its answer is being made (the access line then says 499).

    Placed after the request body was read (RequestGuard) and after the public answers kept in memory,
    which are sent at once: only a request the app really works on needs a watcher.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or streamed(scope):
            await self.app(scope, receive, send)
            return
        finished = False
        announced: int | None = None
        sent = 0
        request = await receive()  # the body, as RequestGuard replays it

        async def tracked(message: Message) -> None:
            nonlocal finished, announced, sent
            if message["type"] == "http.response.start":
                lengths = [
                    value for name, value in message.get("headers", ()) if name.lower() == b"content-length"
                ]
                announced = int(lengths[0]) if lengths else None
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
                # A client that has every announced byte may close before the final empty message (a
                # streamed download does that): it got its answer.
                if not message.get("more_body", False) or (announced is not None and sent >= announced):
                    finished = True  # before sending: the server wakes `receive` once the answer is out
            await send(message)

        async def watch() -> None:
            # With the body read, the server answers `receive` only when the client goes away or the
            # answer is complete; only the first means the client closed the request.
            if (await receive())["type"] == "http.disconnect" and not finished:
                scope[CLIENT_CLOSED] = True

        watcher = asyncio.create_task(watch())
        try:
            await self.app(scope, replaying(request, receive), tracked)
        finally:
            watcher.cancel()
