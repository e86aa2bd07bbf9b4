"""Funding calls (Ausschreibungen): budget, window, maximum per application, review criteria."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from grants.models.keys import KeyField
from grants.money import from_cents

if TYPE_CHECKING:
    from grants.models.programme import FundingArea, Programme

#: Default payment plan: 80 % at project start, 20 % after the accepted final report.
DEFAULT_TRANCHE_PLAN: list[dict[str, Any]] = [
    {"share": "0.80", "due": "PROJECT_START"},
    {"share": "0.20", "due": "FINAL_REPORT"},
]


def default_tranche_plan() -> list[dict[str, Any]]:
    """A fresh copy of the default payment plan."""
    return [dict(step) for step in DEFAULT_TRANCHE_PLAN]


class FundingCall(Model):
    """A call for proposals under a programme phase, with a budget that awards draw from."""

    id = fields.IntField(primary_key=True)
    reference = KeyField(max_length=32, unique=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "models.Programme", related_name="calls", on_delete=fields.RESTRICT
    )
    title: dict[str, str] = fields.JSONField()
    description: dict[str, str] = fields.JSONField(default=dict)
    funding_areas: fields.ManyToManyRelation[FundingArea] = fields.ManyToManyField(
        "models.FundingArea", related_name="calls", through="call_funding_area"
    )
    opens_at = fields.DatetimeField()
    closes_at = fields.DatetimeField()
    # The ledger is kept in whole centimes: integers compare exactly on every backend, whereas
    # SQLite stores Tortoise's DecimalField as text and would compare budgets as strings.
    budget_cents = fields.BigIntField()
    # The sum of the awards; only the budget ledger's conditional update changes it.
    committed_cents = fields.BigIntField(default=0)
    max_amount_per_application = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    min_reviews = fields.IntField(default=1)
    tranche_plan: list[dict[str, Any]] = fields.JSONField(default=default_tranche_plan)
    created_at = fields.DatetimeField(auto_now_add=True)

    programme_id: int
    criteria: fields.ReverseRelation[ReviewCriterion]

    @property
    def budget(self) -> Decimal:
        """The call's budget in CHF."""
        return from_cents(self.budget_cents)

    @property
    def committed(self) -> Decimal:
        """The sum of the awards made from this call, in CHF."""
        return from_cents(self.committed_cents)

    @property
    def remaining(self) -> Decimal:
        """What is left of the budget, in CHF."""
        return from_cents(self.budget_cents - self.committed_cents)

    class Meta:
        table = "funding_call"
        ordering = ("opens_at", "id")


class ReviewCriterion(Model):
    """What reviewers score (0..5) for applications of a call, and its weight in the mean."""

    id = fields.IntField(primary_key=True)
    call: fields.ForeignKeyRelation[FundingCall] = fields.ForeignKeyField(
        "models.FundingCall", related_name="criteria", on_delete=fields.CASCADE
    )
    code = KeyField(max_length=64)
    name: dict[str, str] = fields.JSONField()
    weight = fields.DecimalField(max_digits=8, decimal_places=3)
    position = fields.IntField(default=0)

    call_id: int

    class Meta:
        table = "review_criterion"
        unique_together = (("call", "code"),)
        ordering = ("position", "id")


class Counter(Model):
    """A named sequence (e.g. application references per year), advanced under a row lock."""

    name = fields.CharField(max_length=64, primary_key=True)
    value = fields.IntField(default=0)

    class Meta:
        table = "counter"
