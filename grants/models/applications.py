"""Grant applications (Gesuche), their budget lines, the event trail, reviews and awards."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from grants.models.keys import KeyField

if TYPE_CHECKING:
    from grants.models.accounts import User
    from grants.models.calls import FundingCall
    from grants.models.directory import Organisation
    from grants.models.programme import FundingArea


class ApplicationStatus(StrEnum):
    """Where an application stands; only grants.workflow moves it."""

    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    IN_REVIEW = "IN_REVIEW"
    CHANGES_REQUESTED = "CHANGES_REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    CLOSED = "CLOSED"


class BudgetCategory(StrEnum):
    """What a budget line pays for."""

    PERSONNEL = "PERSONNEL"
    MATERIAL = "MATERIAL"
    PREMISES = "PREMISES"
    COMMUNICATION = "COMMUNICATION"
    INTERPRETING = "INTERPRETING"
    OTHER = "OTHER"


class Recommendation(StrEnum):
    """A reviewer's advice."""

    APPROVE = "APPROVE"
    REJECT = "REJECT"
    CHANGES = "CHANGES"


class Application(Model):
    """An organisation's request for project funding under a call."""

    id = fields.IntField(primary_key=True)
    reference = KeyField(max_length=32, unique=True)
    call: fields.ForeignKeyRelation[FundingCall] = fields.ForeignKeyField(
        "models.FundingCall", related_name="applications", on_delete=fields.RESTRICT
    )
    applicant: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="applications", on_delete=fields.RESTRICT
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="applications", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=300)
    summary = fields.TextField(null=True)
    funding_area: fields.ForeignKeyRelation[FundingArea] = fields.ForeignKeyField(
        "models.FundingArea", related_name="applications", on_delete=fields.RESTRICT
    )
    project_start = fields.DateField()
    project_end = fields.DateField()
    municipalities: fields.ManyToManyRelation[Organisation] = fields.ManyToManyField(
        "models.Organisation", related_name="projects", through="application_municipality"
    )
    languages: list[str] = fields.JSONField(default=list)
    own_contribution = fields.DecimalField(max_digits=14, decimal_places=2)
    third_party_funding = fields.DecimalField(max_digits=14, decimal_places=2)
    requested_amount = fields.DecimalField(max_digits=14, decimal_places=2)
    targets: list[dict[str, Any]] = fields.JSONField(default=list)
    status = fields.CharEnumField(ApplicationStatus, max_length=24, default=ApplicationStatus.DRAFT)
    version = fields.IntField(default=1)
    submitted_at = fields.DatetimeField(null=True)
    # Derived from reference and title (grants.text.search_document): search ignoring case and accents.
    search_text = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    call_id: int
    applicant_id: int
    created_by_id: int | None
    funding_area_id: int
    budget_lines: fields.ReverseRelation[BudgetLine]

    class Meta:
        table = "application"
        ordering = ("id",)


class BudgetLine(Model):
    """One line of an application's budget."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="budget_lines", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    category = fields.CharEnumField(BudgetCategory, max_length=16)
    description = fields.CharField(max_length=500)
    amount = fields.DecimalField(max_digits=14, decimal_places=2)

    application_id: int

    class Meta:
        table = "budget_line"
        ordering = ("position", "id")


class ApplicationEvent(Model):
    """One step in an application's history: a move, a review, an award, a payment, a report."""

    id = fields.BigIntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="events", on_delete=fields.CASCADE
    )
    at = fields.DatetimeField(auto_now_add=True)
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="application_events", null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharField(max_length=32)
    from_status = fields.CharEnumField(ApplicationStatus, max_length=24, null=True)
    to_status = fields.CharEnumField(ApplicationStatus, max_length=24, null=True)
    message = fields.TextField(null=True)

    application_id: int
    actor_id: int | None

    class Meta:
        table = "application_event"
        ordering = ("id",)


class Review(Model):
    """A reviewer's scores for one application (a new review by the same reviewer replaces it)."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="reviews", on_delete=fields.CASCADE
    )
    reviewer: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reviews", on_delete=fields.RESTRICT
    )
    scores: list[dict[str, Any]] = fields.JSONField()
    weighted_score = fields.DecimalField(max_digits=6, decimal_places=3)
    recommendation = fields.CharEnumField(Recommendation, max_length=8)
    comment = fields.TextField(null=True)
    submitted_at = fields.DatetimeField()

    application_id: int
    reviewer_id: int

    class Meta:
        table = "review"
        unique_together = (("application", "reviewer"),)
        ordering = ("id",)


class Award(Model):
    """The approved amount of an application, taken from its call's budget."""

    id = fields.IntField(primary_key=True)
    application: fields.OneToOneRelation[Application] = fields.OneToOneField(
        "models.Application", related_name="award", on_delete=fields.RESTRICT
    )
    amount = fields.DecimalField(max_digits=14, decimal_places=2)
    conditions = fields.TextField(null=True)
    decided_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="awards", null=True, on_delete=fields.SET_NULL
    )

    application_id: int
    decided_by_id: int | None

    class Meta:
        table = "award"


class PaymentTranche(Model):
    """A part of an award, due at a project milestone, marked paid by staff."""

    id = fields.IntField(primary_key=True)
    award: fields.ForeignKeyRelation[Award] = fields.ForeignKeyField(
        "models.Award", related_name="tranches", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    amount = fields.DecimalField(max_digits=14, decimal_places=2)
    due = fields.CharField(max_length=16)
    due_on = fields.DateField()
    paid_on = fields.DateField(null=True)
    #: When handed to the finance office (being paid until paid_on is set), null when not or no longer.
    payment_started_at = fields.DatetimeField(null=True)
    #: The account it is paid to, copied when handed over (or when marked paid directly).
    payee_iban = fields.CharField(max_length=34, null=True)
    payee_holder = fields.CharField(max_length=70, null=True)

    award_id: int

    class Meta:
        table = "payment_tranche"
        ordering = ("position", "id")


class InternalNote(Model):
    """A note staff keep on an application (applicants never see notes, nor how many there are)."""

    id = fields.IntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="internal_notes", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="internal_notes", null=True, on_delete=fields.SET_NULL
    )
    body = fields.TextField()
    created_at = fields.DatetimeField()

    application_id: int
    author_id: int | None

    class Meta:
        table = "internal_note"
        ordering = ("id",)
