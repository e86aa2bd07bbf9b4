"""The audit trail: who changed what, when."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from grants.models.accounts import User


class AuditRecord(Model):
    """One change made through kipnet, written in the same transaction as the change."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_records", null=True, on_delete=fields.SET_NULL
    )
    action = fields.CharField(max_length=64)
    entity_type = fields.CharField(max_length=32)
    entity_id = fields.IntField()
    changes: dict[str, Any] = fields.JSONField(default=dict)

    actor_id: int | None

    class Meta:
        table = "audit_record"
        ordering = ("id",)
