"""Accounts: users, Argon2 password hashes, and opaque bearer tokens stored only as hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from grants import audit, passwords
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import AccessToken, Organisation, Role, User
from grants.second_factor import passes as second_factor_passes
from grants.throttle import LoginLimits, LoginThrottle

MIN_PASSWORD_LENGTH = 12
TOKEN_LIFETIME = timedelta(hours=12)

_hasher = PasswordHasher()
# Verifying against this hash when the e-mail is unknown makes both refusals cost the same time.
_DUMMY_HASH = _hasher.hash("kipnet-no-such-user-placeholder")
_LOGIN_REFUSED = "E-mail address or password is wrong"
_WRONG_CODE = "The code is wrong or was used already"


def normalise_email(email: str) -> str:
    """The canonical form under which an address is stored and looked up."""
    return email.strip().lower()


def token_digest(token: str, secret: str) -> str:
    """The keyed SHA-256 digest under which a bearer token is stored (a new secret voids all tokens)."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def password_problems(password: str) -> list[Problem]:
    """Problems with a new password (too short)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [
            Problem(
                ErrorCode.INVALID,
                "The password must have at least {min_password_length} characters",
                ("password",),
                min_password_length=MIN_PASSWORD_LENGTH,
            )
        ]
    return []


async def create_user(
    *,
    email: str,
    password: str,
    role: Role,
    display_name: str | None = None,
    organisation_slug: str | None = None,
    actor: User | None = None,
) -> User:
    """Create an account; an APPLICANT must belong to an organisation."""
    address = normalise_email(email)
    problems = password_problems(password)
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        problems.append(
            Problem(ErrorCode.INVALID, "{email!r} is not an e-mail address", ("email",), email=email)
        )
    elif await User.filter(email=address).exists():
        problems.append(
            Problem(ErrorCode.CONFLICT, "A user with e-mail {address} exists", ("email",), address=address)
        )
    organisation = None
    if organisation_slug is not None:
        organisation = await Organisation.get_or_none(slug=organisation_slug)
        if organisation is None:
            problems.append(
                Problem(
                    ErrorCode.NOT_FOUND,
                    "No organisation {slug!r}",
                    ("organisation",),
                    slug=organisation_slug,
                )
            )
    elif role is Role.APPLICANT:
        problems.append(
            Problem(ErrorCode.INVALID, "An applicant must belong to an organisation", ("organisation",))
        )
    raise_if_any(problems)
    async with atomic():
        user = await User.create(
            email=address,
            display_name=(display_name or address.split("@")[0]).strip(),
            role=role,
            organisation=organisation,
            password_hash=_hasher.hash(password),
        )
        await audit.record(
            actor=actor,
            action="user.create",
            entity_type="User",
            entity_id=user.id,
            changes={"email": address, "role": role.value, "organisation": organisation_slug},
        )
    return user


async def ensure_account(
    *, email: str, role: Role, display_name: str, organisation_slug: str | None = None
) -> User:
    """The account with this address, created with an unguessable password if missing (no one signs in
    with it: the accounts that imported or generated records are written by)."""
    user = await User.get_or_none(email=normalise_email(email))
    if user is None:
        user = await create_user(
            email=email,
            password=secrets.token_urlsafe(24),
            role=role,
            display_name=display_name,
            organisation_slug=organisation_slug,
        )
    return user


def hash_password(password: str) -> str:
    """The Argon2 hash stored for `password`."""
    return _hasher.hash(password)


def verify_password(user: User | None, password: str) -> bool:
    """True if `password` is `user`'s; an unknown user costs the same Argon2 verification."""
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None


async def issue_token(*, user: User, secret: str, lifetime: timedelta, now: datetime) -> str:
    """A new bearer token for `user`, stored only as its keyed digest."""
    token = secrets.token_urlsafe(32)
    await AccessToken.create(user=user, token_hash=token_digest(token, secret), expires_at=now + lifetime)
    return token


async def login(
    *,
    email: str,
    password: str,
    secret: str,
    lifetime: timedelta = TOKEN_LIFETIME,
    now: datetime | None = None,
    address: str = "unknown",
    limits: LoginLimits | None = None,
    code: str | None = None,
) -> tuple[str, User]:
    """Check the password (and the second factor if on) and issue a new bearer token.

    A wrong e-mail address or password gets the same refusal; only after the right password is an
    account with two-factor sign-in asked for its `code` (a TOTP code or a recovery code).
    """
    issued = now or datetime.now(UTC)
    account = normalise_email(email)
    throttle = LoginThrottle(
        limits or LoginLimits(), clock=(lambda: issued.timestamp()) if now else time.time
    )
    await throttle.attempt(account=account, address=address)
    user = await User.get_or_none(email=account, is_active=True)
    verified = verify_password(user, password)  # always run: unknown e-mails must cost the same time
    if user is None or not verified:
        raise DomainError.single(ErrorCode.UNAUTHENTICATED, _LOGIN_REFUSED)
    # Both refusals leave the attempt counted: wrong codes are throttled like wrong passwords.
    await require_second_factor(user=user, code=code, secret=secret, now=issued)
    await throttle.succeeded(account=account)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        await user.save(update_fields=["password_hash"])
    return await issue_token(user=user, secret=secret, lifetime=lifetime, now=issued), user


async def require_second_factor(*, user: User, code: str | None, secret: str, now: datetime) -> None:
    """Refuse unless `user` has no second factor or `code` passes it (TWO_FACTOR_REQUIRED without one)."""
    if not user.two_factor_enabled:
        return
    if not (code or "").strip():
        raise DomainError.single(
            ErrorCode.TWO_FACTOR_REQUIRED, "Enter the code from your authenticator app", ("code",)
        )
    if not await second_factor_passes(user=user, code=code or "", secret=secret, now=now):
        raise DomainError.single(ErrorCode.UNAUTHENTICATED, _WRONG_CODE, ("code",))


async def authenticate(token: str, *, secret: str, now: datetime | None = None) -> User | None:
    """The active user a bearer token belongs to, or None if it is unknown, expired or revoked."""
    # The user is asked for through its token (one statement, as before), so that only the user's
    # row is built: every authenticated request pays this, and the token's row was never used.
    return await User.filter(
        tokens__token_hash=token_digest(token, secret),
        tokens__revoked_at__isnull=True,
        tokens__expires_at__gt=now or datetime.now(UTC),
        is_active=True,
    ).first()


async def logout(token: str, *, secret: str, now: datetime | None = None) -> bool:
    """Revoke a bearer token; True if it was valid until now."""
    changed = await AccessToken.filter(
        token_hash=token_digest(token, secret), revoked_at__isnull=True
    ).update(revoked_at=now or datetime.now(UTC))
    return changed > 0


async def revoke_tokens(user: User, now: datetime) -> int:
    """Revoke every token of `user` still valid; the number revoked."""
    return await AccessToken.filter(user_id=user.id, revoked_at__isnull=True).update(revoked_at=now)


async def logout_everywhere(*, user: User, now: datetime | None = None) -> int:
    """Revoke every valid token of `user` (audited); the number revoked."""
    async with atomic():
        revoked = await revoke_tokens(user, now or datetime.now(UTC))
        await audit.record(
            actor=user,
            action="user.logout_everywhere",
            entity_type="User",
            entity_id=user.id,
            changes={"revoked": revoked},
        )
    return revoked


async def change_password(
    *,
    user: User,
    current_password: str,
    new_password: str,
    secret: str,
    lifetime: timedelta = TOKEN_LIFETIME,
    limits: LoginLimits | None = None,
    address: str = "unknown",
) -> str:
    """Replace the user's password if the current one is right; revoke all tokens, issue a new one."""
    await LoginThrottle(limits or LoginLimits()).attempt(account=user.email, address=address)
    personal = passwords.personal_pieces(email=user.email, name=user.display_name)
    problems = passwords.password_problems(new_password, personal=personal, field=("new_password",))
    if not verify_password(user, current_password):
        problems.insert(
            0, Problem(ErrorCode.UNAUTHENTICATED, "The current password is wrong", ("current_password",))
        )
    raise_if_any(problems)
    await set_password(user=user, password=new_password, actor=user)
    return await issue_token(user=user, secret=secret, lifetime=lifetime, now=datetime.now(UTC))


async def set_password(*, user: User, password: str, actor: User | None = None) -> None:
    """Give `user` a new password and revoke every token it has (audited)."""
    raise_if_any(password_problems(password))
    async with atomic():
        user.password_hash = _hasher.hash(password)
        await user.save(update_fields=["password_hash"])
        await revoke_tokens(user, datetime.now(UTC))
        await audit.record(
            actor=actor, action="user.set_password", entity_type="User", entity_id=user.id, changes={}
        )
