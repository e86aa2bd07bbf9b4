"""The outbox sender and the administrators' directory digest as background tasks of the server process."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from grants.directory.digest import send_directory_digest
from grants.mailer import SmtpTarget, deliver_due

logger = logging.getLogger("kipnet.outbox")
#: How often the administrators' digest of applicants' directory edits is written.
DIGEST_INTERVAL_SECONDS = 300


async def send_outbox_forever(target: SmtpTarget, interval_seconds: int, *, secret: str) -> None:
    """Deliver due messages every `interval_seconds` until cancelled; a failed round is logged.

    `secret` is the app secret, which opens the sealed link tokens of invitation and reset mails.
    """
    while True:
        try:
            report = await deliver_due(target=target, now=datetime.now(UTC), secret=secret)
            if report.sent or report.retried or report.failed:
                logger.info(
                    "outbox: %s sent, %s to retry, %s given up", report.sent, report.retried, report.failed
                )
        except Exception:  # the next round tries again; the messages stay in the outbox
            logger.exception("outbox round failed")
        await asyncio.sleep(interval_seconds)


async def write_digests_forever(public_url: str, interval_seconds: int = DIGEST_INTERVAL_SECONDS) -> None:
    """Write the administrators' directory digest now and every `interval_seconds` until cancelled.

    Every worker runs it; the digest's own record lets only one of them write each digest.
    """
    while True:
        try:
            written = await send_directory_digest(now=datetime.now(UTC), public_url=public_url)
            if written:
                logger.info("directory digest: %s mail(s) written", written)
        except Exception:  # the next round collects the same edits again
            logger.exception("directory digest round failed")
        await asyncio.sleep(interval_seconds)
