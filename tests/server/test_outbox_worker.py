"""The outbox sender running as the server's background task."""

from __future__ import annotations

import asyncio

import pytest

from grants.models import OutboxMessage, OutboxStatus
from server.outbox import send_outbox_forever
from server.settings import DEVELOPMENT_SECRET
from tests.factories import NOW
from tests.mail import smtp

__all__ = ["smtp"]  # the fixture, used by name


async def test_the_server_worker_delivers_until_cancelled(seeded_db, smtp):
    inbox, target = smtp
    await OutboxMessage.create(
        recipient="lead@example.org", subject="Test", body="Hallo", kind="TEST", next_attempt_at=NOW
    )
    worker = asyncio.create_task(send_outbox_forever(target, interval_seconds=1, secret=DEVELOPMENT_SECRET))
    try:
        # bounded wait for the first round: the mail arrives, then the worker records it as sent (on a
        # loaded machine the second can come well after the first; cancelled in between, a mail is sent
        # again at the next start: at least once, never lost)
        for _ in range(200):
            if inbox.messages and (await OutboxMessage.get(kind="TEST")).status is OutboxStatus.SENT:
                break
            await asyncio.sleep(0.05)
    finally:
        worker.cancel()
        with pytest.raises(asyncio.CancelledError):
            await worker
    assert [m["Subject"] for m in inbox.messages] == ["Test"]
    assert (await OutboxMessage.get(recipient="lead@example.org")).status is OutboxStatus.SENT
