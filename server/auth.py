"""Who is calling: the bearer token of an `Authorization` header and the user it belongs to."""

from __future__ import annotations

from grants import accounts
from grants.models import User


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, if there is one."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def caller(header: str | None, *, secret: str) -> tuple[str | None, User | None]:
    """(token, user) of an `Authorization` header; the user is None unless the token is valid now."""
    token = bearer_token(header)
    return token, await accounts.authenticate(token, secret=secret) if token else None
