"""Reports on funded projects: interim and final, with indicator actuals and a narrative."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from grants.models.accounts import User
    from grants.models.applications import Application


class ReportKind(StrEnum):
    """An interim report during the project, or the final one after it."""

    INTERIM = "INTERIM"
    FINAL = "FINAL"


class ReportStatus(StrEnum):
    """Where a report stands: waiting for staff, accepted, or sent back."""

    SUBMITTED = "SUBMITTED"
    ACCEPTED = "ACCEPTED"
    RETURNED = "RETURNED"


class ProjectReport(Model):
    """What an applicant reports on its funded project (actuals of the indicators, a narrative)."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="reports", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ReportKind, max_length=8)
    status = fields.CharEnumField(ReportStatus, max_length=10, default=ReportStatus.SUBMITTED)
    narrative = fields.TextField()
    actuals: list[dict[str, Any]] = fields.JSONField(default=list)
    submitted_at = fields.DatetimeField()
    submitted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="submitted_reports", null=True, on_delete=fields.SET_NULL
    )
    decided_at = fields.DatetimeField(null=True)
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="decided_reports", null=True, on_delete=fields.SET_NULL
    )
    message = fields.TextField(null=True)

    application_id: int

    class Meta:
        table = "project_report"
        ordering = ("id",)
