"""Documents attached to applications and project reports: what a file is; its bytes live in a BlobStore."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from grants.models.accounts import User
    from grants.models.applications import Application
    from grants.models.project_reports import ProjectReport


class DocumentKind(StrEnum):
    """What a document is for (the contract's DocumentKind)."""

    PROJECT_DESCRIPTION = "PROJECT_DESCRIPTION"
    BUDGET = "BUDGET"
    STATUTES = "STATUTES"
    ANNUAL_REPORT = "ANNUAL_REPORT"
    REPORT_ATTACHMENT = "REPORT_ATTACHMENT"
    DECISION_LETTER = "DECISION_LETTER"
    OTHER = "OTHER"


class Document(Model):
    """A file of an application (or of one of its reports), its bytes stored under their SHA-256."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="documents", on_delete=fields.RESTRICT
    )
    report: fields.ForeignKeyNullableRelation[ProjectReport] = fields.ForeignKeyField(
        "models.ProjectReport", related_name="documents", null=True, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(DocumentKind, max_length=24)
    filename = fields.CharField(
        max_length=255, description="The sanitised name shown and offered on download."
    )
    content_type = fields.CharField(max_length=100, description="Judged from the content, never the name.")
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64, db_index=True, description="The blob's key in the store.")
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="documents", null=True, on_delete=fields.SET_NULL
    )
    uploaded_at = fields.DatetimeField()

    application_id: int
    report_id: int | None
    uploaded_by_id: int | None

    class Meta:
        table = "document"
        ordering = ("id",)
        indexes = (("application_id", "id"), ("report_id", "id"))
