"""The second factor at sign-in: a TOTP code or an unused recovery code, and who must have one."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q

from grants import audit
from grants.models import RecoveryCode, Role, TwoFactorSecret, User
from grants.totp import is_totp_shaped, matching_step, normalise_code, recovery_digest, unseal

#: Roles that must sign in with a second factor in production: they decide over public money.
REQUIRED_FOR = frozenset({Role.APPROVER, Role.ADMIN})


def setup_required(user: User, *, production: bool) -> bool:
    """True if `user` must set up two-factor sign-in before doing anything else (production staff)."""
    return production and user.role in REQUIRED_FOR and not user.two_factor_enabled


async def passes(*, user: User, code: str, secret: str, now: datetime) -> bool:
    """True if `code` is `user`'s TOTP code, not used before, or an unused recovery code (now spent)."""
    row = await TwoFactorSecret.get_or_none(user_id=user.id, confirmed_at__isnull=False)
    if row is None:
        return False
    if is_totp_shaped(normalise_code(code)):
        return await _totp_passes(row, code, secret=secret, now=now)
    return await _recovery_passes(user, code, secret=secret, now=now)


async def _totp_passes(row: TwoFactorSecret, code: str, *, secret: str, now: datetime) -> bool:
    totp_secret = unseal(row.sealed_secret, secret)
    if totp_secret is None:
        return False
    step = matching_step(totp_secret, code, now=now, last_used_step=row.last_used_step)
    if step is None:
        return False
    # One conditional update: of two requests with the same code at once, only one is let in.
    changed = await TwoFactorSecret.filter(
        Q(last_used_step__isnull=True) | Q(last_used_step__lt=step), id=row.id
    ).update(last_used_step=step)
    return changed == 1


async def _recovery_passes(user: User, code: str, *, secret: str, now: datetime) -> bool:
    changed = await RecoveryCode.filter(
        user_id=user.id, code_digest=recovery_digest(code, secret), used_at__isnull=True
    ).update(used_at=now)
    if changed != 1:
        return False
    left = await RecoveryCode.filter(user_id=user.id, used_at__isnull=True).count()
    await audit.record(
        actor=user,
        action="user.recovery_code_used",
        entity_type="User",
        entity_id=user.id,
        changes={"left": left},
    )
    return True
