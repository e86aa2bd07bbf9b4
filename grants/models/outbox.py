"""The outbox: messages written in the same transaction as the step they tell about."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OutboxStatus(StrEnum):
    """PENDING until delivered (SENT) or given up after the last attempt (FAILED, kept for staff)."""

    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class OutboxMessage(Model):
    """One e-mail to one recipient, delivered by the sender with retries and back-off."""

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    recipient = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=300)
    body = fields.TextField()
    #: The same mail as HTML: sent with the text as multipart/alternative (older rows have none).
    html_body = fields.TextField(null=True)
    #: The language the mail is written in (its recipient's), sent as Content-Language.
    language = fields.CharField(max_length=2, default="de")
    kind = fields.CharField(max_length=48)
    application_id = fields.IntField(null=True, db_index=True)
    status = fields.CharEnumField(OutboxStatus, max_length=8, default=OutboxStatus.PENDING, db_index=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(db_index=True)
    # A sender leases a message before sending, so two workers never send the same one at once.
    claimed_until = fields.DatetimeField(null=True)
    claim = fields.CharField(max_length=32, null=True)
    sent_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    # The bodies hold account_links.MARKER in the token's place; the mailer puts the token in.
    #: The link token of an invitation or reset mail, sealed under the app secret until it is sent.
    sealed_token: str | None = fields.TextField(null=True)

    class Meta:
        table = "outbox_message"
        ordering = ("id",)
