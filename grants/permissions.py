"""Who may do what: role checks used by the use cases before they change anything."""

from __future__ import annotations

from grants.errors import DomainError, ErrorCode
from grants.models import Role, User


def require_role(actor: User | None, *roles: Role) -> User:
    """The actor if it holds one of `roles`; otherwise UNAUTHENTICATED or FORBIDDEN."""
    if actor is None:
        raise DomainError.single(ErrorCode.UNAUTHENTICATED, "You must be logged in to do this")
    if actor.role not in roles:
        raise DomainError.single(ErrorCode.FORBIDDEN, "You are not allowed to do this")
    return actor
