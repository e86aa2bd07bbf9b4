"""Two-factor sign-in for an account: set it up, confirm it, turn it off, renew the recovery codes.

Every change is audited. Turning it off and renewing the codes ask for the password and a current
code: someone at an unlocked screen (a session) must not weaken the account with a click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from grants import audit
from grants.accounts import normalise_email, verify_password
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import RecoveryCode, TwoFactorSecret, User
from grants.second_factor import passes
from grants.throttle import LoginLimits, LoginThrottle
from grants.totp import (
    grouped,
    matching_step,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    qr_svg,
    recovery_digest,
    seal,
    unseal,
)

_WRONG_CODE = "The code is wrong or was used already"


@dataclass(frozen=True, slots=True)
class Setup:
    """What an authenticator app needs: the secret (grouped for typing), its otpauth URI, the QR code."""

    secret: str
    uri: str
    qr_svg: str


async def begin_setup(*, user: User, secret: str) -> Setup:
    """A new (unconfirmed) TOTP secret for `user`, replacing one not confirmed yet."""
    if user.two_factor_enabled:
        raise DomainError.single(ErrorCode.CONFLICT, "Two-factor sign-in is on already")
    totp_secret = new_secret()
    async with atomic():
        await TwoFactorSecret.filter(user_id=user.id).delete()
        await TwoFactorSecret.create(user=user, sealed_secret=seal(totp_secret, secret))
        await audit.record(
            actor=user, action="user.two_factor_setup", entity_type="User", entity_id=user.id, changes={}
        )
    uri = provisioning_uri(totp_secret, user.email)
    return Setup(secret=grouped(totp_secret), uri=uri, qr_svg=qr_svg(uri))


async def confirm(
    *, user: User, code: str, secret: str, now: datetime, limits: LoginLimits, address: str
) -> list[str]:
    """Turn two-factor sign-in on with a first code from the app; the ten recovery codes, shown once."""
    await LoginThrottle(limits).attempt(account=user.email, address=address)
    if user.two_factor_enabled:
        raise DomainError.single(ErrorCode.CONFLICT, "Two-factor sign-in is on already")
    row = await TwoFactorSecret.get_or_none(user_id=user.id, confirmed_at__isnull=True)
    totp_secret = unseal(row.sealed_secret, secret) if row else None
    if row is None or totp_secret is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "Begin the setup first")
    step = matching_step(totp_secret, code, now=now, last_used_step=None)
    if step is None:
        raise DomainError.single(ErrorCode.INVALID, _WRONG_CODE, ("code",))
    codes = new_recovery_codes()
    async with atomic():
        row.confirmed_at = now
        row.last_used_step = step
        await row.save(update_fields=["confirmed_at", "last_used_step"])
        user.two_factor_enabled = True
        await user.save(update_fields=["two_factor_enabled"])
        await _replace_recovery_codes(user, codes, secret)
        await audit.record(
            actor=user, action="user.two_factor_enable", entity_type="User", entity_id=user.id, changes={}
        )
    return codes


async def disable(
    *, user: User, password: str, code: str, secret: str, now: datetime, limits: LoginLimits, address: str
) -> None:
    """Turn two-factor sign-in off, given the password and a current code (or a recovery code)."""
    await _check_both(user, password, code, secret=secret, now=now, limits=limits, address=address)
    async with atomic():
        await _forget(user)
        await audit.record(
            actor=user, action="user.two_factor_disable", entity_type="User", entity_id=user.id, changes={}
        )


async def regenerate_recovery_codes(
    *, user: User, password: str, code: str, secret: str, now: datetime, limits: LoginLimits, address: str
) -> list[str]:
    """Ten new recovery codes in place of the old ones (all void), given the password and a code."""
    await _check_both(user, password, code, secret=secret, now=now, limits=limits, address=address)
    codes = new_recovery_codes()
    async with atomic():
        await _replace_recovery_codes(user, codes, secret)
        await audit.record(
            actor=user,
            action="user.recovery_codes_regenerate",
            entity_type="User",
            entity_id=user.id,
            changes={},
        )
    return codes


async def reset(*, email: str, actor: User | None = None) -> User:
    """Operator's help for a lost phone and lost codes: two-factor sign-in off for the account (audited)."""
    user = await User.get_or_none(email=normalise_email(email))
    if user is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No user {email}", ("email",), email=email)
    async with atomic():
        await _forget(user)
        await audit.record(
            actor=actor, action="user.two_factor_reset", entity_type="User", entity_id=user.id, changes={}
        )
    return user


async def recovery_codes_left(*, user: User) -> int:
    """How many of `user`'s recovery codes are still unused."""
    return await RecoveryCode.filter(user_id=user.id, used_at__isnull=True).count()


async def _check_both(
    user: User,
    password: str,
    code: str,
    *,
    secret: str,
    now: datetime,
    limits: LoginLimits,
    address: str,
) -> None:
    """Refuse unless two-factor sign-in is on and both the password and the code are right."""
    await LoginThrottle(limits).attempt(account=user.email, address=address)
    if not user.two_factor_enabled:
        raise DomainError.single(ErrorCode.CONFLICT, "Two-factor sign-in is off")
    problems: list[Problem] = []
    if not verify_password(user, password):
        problems.append(Problem(ErrorCode.UNAUTHENTICATED, "The current password is wrong", ("password",)))
    # The code is tried only after the right password, so that a wrong one spends no recovery code.
    elif not await passes(user=user, code=code, secret=secret, now=now):
        problems.append(Problem(ErrorCode.UNAUTHENTICATED, _WRONG_CODE, ("code",)))
    raise_if_any(problems)


async def _replace_recovery_codes(user: User, codes: list[str], secret: str) -> None:
    await RecoveryCode.filter(user_id=user.id).delete()
    await RecoveryCode.bulk_create(
        [RecoveryCode(user_id=user.id, code_digest=recovery_digest(code, secret)) for code in codes]
    )


async def _forget(user: User) -> None:
    await TwoFactorSecret.filter(user_id=user.id).delete()
    await RecoveryCode.filter(user_id=user.id).delete()
    user.two_factor_enabled = False
    await user.save(update_fields=["two_factor_enabled"])
