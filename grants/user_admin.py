"""User administration: ADMIN lists and changes accounts (role, active); everyone their own name and language.

Deactivating an account revokes every session it has, in the same transaction. An administrator
can neither deactivate nor demote themselves, so the service cannot lose its last administrator
by one slip. Every change is audited with the values before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from grants import audit
from grants.accounts import revoke_tokens
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.invitations import is_pending, language_problems
from grants.models import Role, User
from grants.pagination import KeyType, Page, SortKey, keyset_page

BY_EMAIL = SortKey("email", KeyType.TEXT)
MAX_NAME = 200
ADMIN_ONLY = "Only an administrator may change role or active"
NOT_YOURSELF = "You cannot deactivate or demote yourself"
PENDING = "The account has not accepted its invitation yet: invite it again instead"
OTHERS = "Only an administrator may change another person's account"


@dataclass(frozen=True, slots=True)
class UserFilter:
    """What a user list is narrowed to; every part optional, all must hold."""

    roles: Sequence[Role] = ()
    organisation: str | None = None
    search: str | None = None
    active: bool | None = None


async def visible_user(*, actor: User | None, pk: int) -> User | None:
    """The account `pk` if `actor` may see it: its own, or any for an administrator."""
    if actor is None:
        return None
    if actor.id == pk:
        return actor
    return await User.get_or_none(id=pk) if actor.role is Role.ADMIN else None


async def list_users(*, filter: UserFilter, first: int | None, after: str | None) -> Page[User]:
    """A page of accounts in order of e-mail address."""
    queryset = User.all()
    if filter.roles:
        queryset = queryset.filter(role__in=list(filter.roles))
    if filter.organisation is not None:
        queryset = queryset.filter(organisation__slug=filter.organisation)
    if filter.search and filter.search.strip():
        words = filter.search.strip()
        queryset = queryset.filter(Q(email__icontains=words) | Q(display_name__icontains=words))
    if filter.active is not None:
        queryset = queryset.filter(is_active=filter.active)
    return await keyset_page(queryset, kind="User", first=first, after=after, sort=BY_EMAIL)


def change_problems(
    actor: User, user: User, *, role: Role | None, active: bool | None, name: str | None, language: str | None
) -> list[Problem]:
    """Why `actor` may not make this change to `user` (empty if it may)."""
    if actor.role is not Role.ADMIN:
        if actor.id != user.id:
            return [Problem(ErrorCode.FORBIDDEN, OTHERS)]
        if role is not None or active is not None:
            return [Problem(ErrorCode.FORBIDDEN, ADMIN_ONLY)]
    elif actor.id == user.id and (active is False or (role is not None and role is not Role.ADMIN)):
        return [Problem(ErrorCode.FORBIDDEN, NOT_YOURSELF)]
    problems = language_problems(language)
    if name is not None and not name.strip():
        problems.append(Problem(ErrorCode.INVALID, "A name is required", ("name",)))
    elif name is not None and len(name.strip()) > MAX_NAME:
        problems.append(Problem(ErrorCode.INVALID, "At most {limit:,} characters", ("name",), limit=MAX_NAME))
    if role is not None and role is not Role.APPLICANT and user.organisation_id is not None:
        problems.append(
            Problem(ErrorCode.INVALID, "An applicant's account cannot take a staff role", ("role",))
        )
    if active is True and is_pending(user):
        problems.append(Problem(ErrorCode.INVALID, PENDING, ("active",)))
    if role is Role.APPLICANT and user.organisation_id is None:
        problems.append(Problem(ErrorCode.INVALID, "An applicant must belong to an organisation", ("role",)))
    return problems


async def update_user(
    *,
    actor: User,
    user_id: int,
    role: Role | None = None,
    active: bool | None = None,
    name: str | None = None,
    language: str | None = None,
    now: datetime,
) -> User:
    """Apply the change (see change_problems); deactivating revokes every session of the account."""
    user = await User.get_or_none(id=user_id)
    if user is None or (actor.role is not Role.ADMIN and actor.id != user_id):
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such user", ("id",))
    raise_if_any(change_problems(actor, user, role=role, active=active, name=name, language=language))
    wanted: dict[str, Any] = {
        "role": role,
        "is_active": active,
        "display_name": name.strip() if name is not None else None,
        "language": language,
    }
    changes = {
        key: [_plain(getattr(user, key)), _plain(value)]
        for key, value in wanted.items()
        if value is not None and getattr(user, key) != value
    }
    if not changes:
        return user
    async with atomic():
        for key in changes:
            setattr(user, key, wanted[key])
        await user.save(update_fields=list(changes))
        revoked = await revoke_tokens(user, now) if active is False else 0
        await audit.record(
            actor=actor,
            action="user.update",
            entity_type="User",
            entity_id=user.id,
            changes=changes | ({"revoked": revoked} if revoked else {}),
        )
    return user


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Role) else value
