"""Delivering the outbox over SMTP: leased, retried with back-off, given up only after many tries.

A message is leased before sending so that two workers never send it at once, and marked SENT
right after the server accepted it. Should a worker die between the two, the lease expires and
the message is sent again with the same Message-ID, which mail clients treat as one message.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import unquote, urlsplit

import aiosmtplib
from tortoise.expressions import Q

from grants.models import OutboxMessage, OutboxStatus

logger = logging.getLogger("kipnet.mailer")
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    """Where and as whom mail is sent."""

    hostname: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    use_tls: bool = False

    @classmethod
    def from_url(cls, url: str, sender: str) -> SmtpTarget:
        """smtp://[user:password@]host[:port] (STARTTLS when offered) or smtps://… (TLS from the start)."""
        parts = urlsplit(url)
        if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
            raise ValueError("An SMTP URL looks like smtp://user:password@host:587 or smtps://host:465")
        return cls(
            hostname=parts.hostname,
            port=parts.port or (465 if parts.scheme == "smtps" else 25),
            sender=sender,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=parts.scheme == "smtps",
        )


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one round of delivery did."""

    sent: int
    retried: int
    failed: int


def backoff(attempts: int) -> timedelta:
    """How long to wait after `attempts` failed tries: 30 s, 1 min, 2 min, … at most 6 h."""
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


def email_of(message: OutboxMessage, sender: str) -> EmailMessage:
    """The e-mail for an outbox row, with a Message-ID that stays the same on every try.

    A row with an HTML body becomes multipart/alternative (text first, HTML preferred by clients).
    """
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = f"<outbox-{message.id}@kipnet>"
    mail.set_content(message.body)
    if message.html_body is not None:
        mail.add_alternative(message.html_body, subtype="html")
    # After the parts are made: making a mail multipart moves its Content-* headers into the first part.
    mail["Content-Language"] = message.language
    return mail


def _free(now: datetime) -> Q:
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


async def _claim(now: datetime, limit: int, claim: str) -> list[OutboxMessage]:
    due = (
        await OutboxMessage.filter(_free(now), status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("id")
        .limit(limit)
    )
    claimed = []
    for message in due:
        if await OutboxMessage.filter(_free(now), id=message.id, status=OutboxStatus.PENDING).update(
            claimed_until=now + LEASE, claim=claim
        ):
            claimed.append(message)
    return claimed


async def deliver_due(*, target: SmtpTarget, now: datetime, limit: int = 50) -> DeliveryReport:
    """Send the messages that are due, and schedule the failed ones again (or give them up)."""
    claim = uuid.uuid4().hex
    sent = retried = failed = 0
    for message in await _claim(now, limit, claim):
        attempts = message.attempts + 1
        try:
            await aiosmtplib.send(
                email_of(message, target.sender),
                hostname=target.hostname,
                port=target.port,
                username=target.username,
                password=target.password,
                use_tls=target.use_tls,
                timeout=30,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            gave_up = attempts >= MAX_ATTEMPTS
            await OutboxMessage.filter(id=message.id, claim=claim).update(
                attempts=attempts,
                last_error=str(error)[:500],
                next_attempt_at=now + backoff(attempts),
                status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
                claimed_until=None,
                claim=None,
            )
            logger.warning(
                "mail %s to %s failed (try %s): %s", message.id, message.recipient, attempts, error
            )
            failed, retried = failed + gave_up, retried + (not gave_up)
        else:
            await OutboxMessage.filter(id=message.id, claim=claim).update(
                status=OutboxStatus.SENT, sent_at=now, attempts=attempts, claimed_until=None, claim=None
            )
            sent += 1
    return DeliveryReport(sent=sent, retried=retried, failed=failed)
