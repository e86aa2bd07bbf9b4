"""Users, their roles, and the bearer tokens they log in with."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from grants.models.keys import KeyField

if TYPE_CHECKING:
    from grants.models.directory import Organisation


class Role(StrEnum):
    """What a user may do; an APPLICANT acts for one organisation."""

    APPLICANT = "APPLICANT"
    REVIEWER = "REVIEWER"
    APPROVER = "APPROVER"
    ADMIN = "ADMIN"


class User(Model):
    """A person who logs in: an NGO's project lead or programme staff."""

    id = fields.IntField(primary_key=True)
    email = KeyField(max_length=254, unique=True)
    display_name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=16)
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="members", null=True, on_delete=fields.RESTRICT
    )
    password_hash = fields.CharField(max_length=200)
    is_active = fields.BooleanField(default=True)
    #: The portal's and the mails' language for this person: de, fr, it or en.
    language = fields.CharField(max_length=2, default="de")
    #: Sign-in asks for a TOTP code (or a recovery code) besides the password.
    two_factor_enabled = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    organisation_id: int | None

    class Meta:
        table = "user_account"


class AccessToken(Model):
    """A bearer token, stored only as its SHA-256 hash, expiring and revocable."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    user_id: int

    class Meta:
        table = "access_token"


class TokenPurpose(StrEnum):
    """What a one-time link in a mail is for."""

    INVITATION = "INVITATION"
    RESET = "RESET"


class AccountToken(Model):
    """A one-time link's token (invitation or password reset), stored only as its SHA-256 digest."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="account_tokens", on_delete=fields.CASCADE
    )
    purpose = fields.CharEnumField(TokenPurpose, max_length=16)
    digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    #: Set when the link was used or replaced by a newer one: a token works once.
    used_at = fields.DatetimeField(null=True)

    user_id: int

    class Meta:
        table = "account_token"


class RateLimitCounter(Model):
    """A fixed-window hit counter of the rate limiter, shared by every worker through the database."""

    key = KeyField(max_length=255, primary_key=True)
    hits = fields.IntField()
    expires_at = fields.FloatField(description="Unix time at which the window ends")

    class Meta:
        table = "rate_limit_counter"


class TwoFactorSecret(Model):
    """A user's TOTP secret, sealed with a key derived from the app secret, confirmed by a first code."""

    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "models.User", related_name="two_factor_secret", on_delete=fields.CASCADE
    )
    sealed_secret = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    confirmed_at = fields.DatetimeField(null=True)
    #: The TOTP time step of the last code accepted: a code is refused in the step it was used (replay).
    last_used_step = fields.BigIntField(null=True)

    user_id: int

    class Meta:
        table = "two_factor_secret"


class RecoveryCode(Model):
    """A one-time recovery code, stored only as its keyed digest, spent when used."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recovery_codes", on_delete=fields.CASCADE
    )
    code_digest = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    used_at = fields.DatetimeField(null=True)

    user_id: int

    class Meta:
        table = "recovery_code"
