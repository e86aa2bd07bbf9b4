"""Delivering the outbox over SMTP: leased, retried with back-off, given up only after many tries.

A message is leased before sending so that two workers never send it at once, and marked SENT
right after the server accepted it. Should a worker die between the two, the lease expires and
the message is sent again with the same Message-ID, which mail clients treat as one message.

Invitation and reset mails are stored with account_links.MARKER in place of their link's token and
the token sealed beside it: the token is put in only into the mail being sent, and the sealed column
is emptied once the server accepted it. A row whose seal does not open (the app secret changed) or
that holds a marker with nothing sealed is given up at once: a link that cannot work is never sent.
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

from grants import account_links
from grants.models import OutboxMessage, OutboxStatus

logger = logging.getLogger("kipnet.mailer")
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=6)
#: Why a mail with a sealed link was given up without trying (its link could not work).
SEAL_BROKEN = "the link's sealed token does not open under this app secret (changed?): not sent"


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


class SealBroken(Exception):
    """An outbox row's link token cannot be unsealed: the mail must not go out with a marker link."""


def _unmarked(text: str, token: str | None) -> str:
    """`text` with the token in the marker's place; refuses to leave a marker in a mail."""
    if token is not None:
        return account_links.unmark(text, token)
    if account_links.MARKER in text:
        raise SealBroken(SEAL_BROKEN)
    return text


def email_of(message: OutboxMessage, sender: str, *, secret: str) -> EmailMessage:
    """The e-mail for an outbox row, with a Message-ID that stays the same on every try.

    A row with an HTML body becomes multipart/alternative (text first, HTML preferred by clients).
    A sealed link token is unsealed with `secret` and put in place of the marker (SealBroken if not).
    """
    token = None
    if message.sealed_token is not None:
        token = account_links.unseal_token(message.sealed_token, secret)
        if token is None:
            raise SealBroken(SEAL_BROKEN)
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = f"<outbox-{message.id}@kipnet>"
    mail.set_content(_unmarked(message.body, token))
    if message.html_body is not None:
        mail.add_alternative(_unmarked(message.html_body, token), subtype="html")
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


async def _give_up(message: OutboxMessage, claim: str, attempts: int, reason: str) -> None:
    """Mark the message FAILED for good, dropping its sealed token (it cannot be used any more)."""
    await OutboxMessage.filter(id=message.id, claim=claim).update(
        attempts=attempts,
        last_error=reason,
        status=OutboxStatus.FAILED,
        claimed_until=None,
        claim=None,
        sealed_token=None,
    )
    logger.error("mail %s to %s given up: %s", message.id, message.recipient, reason)


async def deliver_due(*, target: SmtpTarget, now: datetime, secret: str, limit: int = 50) -> DeliveryReport:
    """Send the messages that are due, and schedule the failed ones again (or give them up).

    `secret` is the app secret: it opens the sealed link tokens of invitation and reset mails.
    """
    claim = uuid.uuid4().hex
    sent = retried = failed = 0
    for message in await _claim(now, limit, claim):
        attempts = message.attempts + 1
        try:
            mail = email_of(message, target.sender, secret=secret)
        except SealBroken as broken:
            await _give_up(message, claim, attempts, str(broken))
            failed += 1
            continue
        try:
            await aiosmtplib.send(
                mail,
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
                # Kept for the next try; given up, the link is of no use to anyone.
                sealed_token=None if gave_up else message.sealed_token,
            )
            logger.warning(
                "mail %s to %s failed (try %s): %s", message.id, message.recipient, attempts, error
            )
            failed, retried = failed + gave_up, retried + (not gave_up)
        else:
            await OutboxMessage.filter(id=message.id, claim=claim).update(
                status=OutboxStatus.SENT,
                sent_at=now,
                attempts=attempts,
                claimed_until=None,
                claim=None,
                sealed_token=None,  # sent: the link lives in the mail alone from now on
            )
            sent += 1
    return DeliveryReport(sent=sent, retried=retried, failed=failed)
