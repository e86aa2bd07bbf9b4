"""The outbox sender as a background task of the server process."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from grants.mailer import SmtpTarget, deliver_due

logger = logging.getLogger("kipnet.outbox")


async def send_outbox_forever(target: SmtpTarget, interval_seconds: int) -> None:
    """Deliver due messages every `interval_seconds` until cancelled; a failed round is logged."""
    while True:
        try:
            report = await deliver_due(target=target, now=datetime.now(UTC))
            if report.sent or report.retried or report.failed:
                logger.info(
                    "outbox: %s sent, %s to retry, %s given up", report.sent, report.retried, report.failed
                )
        except Exception:  # the next round tries again; the messages stay in the outbox
            logger.exception("outbox round failed")
        await asyncio.sleep(interval_seconds)
