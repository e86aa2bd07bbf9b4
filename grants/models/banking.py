"""The bank account an organisation is paid to (one per organisation; its history lives in the audit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from grants.models.accounts import User
    from grants.models.directory import Organisation


class BankAccount(Model):
    """Where the finance office pays an organisation's tranches: a Swiss or Liechtenstein IBAN."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="bank_account", on_delete=fields.CASCADE
    )
    #: The electronic form: no spaces, upper case (CH9300762011623852957).
    iban = fields.CharField(max_length=34)
    holder = fields.CharField(max_length=70)
    updated_at = fields.DatetimeField()
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="bank_account_changes", null=True, on_delete=fields.SET_NULL
    )

    organisation_id: int
    updated_by_id: int | None

    class Meta:
        table = "bank_account"
