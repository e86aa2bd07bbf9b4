"""The disconnect watch tells a client that went away from one that simply had its whole answer."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from server.disconnect import DisconnectWatch
from server.guard import CLIENT_CLOSED


async def served(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Run an app sending `messages` behind the watch; the client disconnects once it has every byte."""
    scope: dict[str, Any] = {"type": "http", "method": "GET", "path": "/"}
    received = asyncio.Event()
    inbox = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> Message:
        if inbox:
            return inbox.pop()
        await received.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        if (
            message["type"] == "http.response.body"
            and message.get("body")
            and not message.get("more_body", False)
        ):
            received.set()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        for message in messages:
            await send(message)
            if message.get("body") == b"abc":
                received.set()  # a client with Content-Length: 3 has all it waits for, and closes
                await asyncio.sleep(0.05)

    await DisconnectWatch(app)(scope, receive, send)
    return scope


async def test_a_client_closing_after_every_announced_byte_did_not_abandon_its_answer():
    scope = await served(
        [
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"3")]},
            {"type": "http.response.body", "body": b"abc", "more_body": True},
            {"type": "http.response.body", "body": b"", "more_body": False},
        ]
    )
    assert CLIENT_CLOSED not in scope


async def test_a_client_closing_before_the_announced_bytes_did():
    scope = await served(
        [
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"6")]},
            {"type": "http.response.body", "body": b"abc", "more_body": True},
            {"type": "http.response.body", "body": b"def", "more_body": False},
        ]
    )
    assert scope.get(CLIENT_CLOSED) is True
