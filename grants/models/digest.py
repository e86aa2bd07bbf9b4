"""What the administrators' digest of directory edits has covered, so that no edit is told twice."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class MailDigest(Model):
    """One digest: the audit records after `after_audit_id` up to `through_audit_id`, mailed once.

    (kind, after_audit_id) is unique: two workers starting the same digest at once cannot both write it.
    """

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=32, description="What the digest is about, e.g. directory")
    after_audit_id = fields.BigIntField()
    through_audit_id = fields.BigIntField()
    edits = fields.IntField(description="How many audited edits the digest listed")
    recipients = fields.IntField(description="How many administrators it was mailed to")
    created_at = fields.DatetimeField()

    class Meta:
        table = "mail_digest"
        unique_together = (("kind", "after_audit_id"),)
        ordering = ("id",)
