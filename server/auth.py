"""Who is calling: the bearer token of an `Authorization` header and the user it belongs to."""

from __future__ import annotations

from starlette.requests import Request

from grants import accounts
from grants.models import User
from grants.second_factor import setup_required
from web.session import session_token


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, if there is one."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def caller(
    header: str | None, *, secret: str, production: bool = False
) -> tuple[str | None, User | None]:
    """(token, user) of an `Authorization` header; the user is None unless the token is valid now
    (and, in production, unless the user has set up the two-factor sign-in their role requires)."""
    token = bearer_token(header)
    if not token:
        return None, None
    actor, _ = await acting_user(token, secret=secret, production=production)
    return token, actor


async def acting_user(token: str, *, secret: str, production: bool) -> tuple[User | None, User | None]:
    """(actor, pending) of a bearer token: staff who must set up two-factor sign-in first are only
    `pending` (they act as anonymous until it is on), everyone else with a valid token is the actor."""
    user = await accounts.authenticate(token, secret=secret)
    if user is not None and setup_required(user, production=production):
        return None, user
    return user, None


async def downloading_user(request: Request, *, secret: str, production: bool = False) -> User | None:
    """The user asking for a download: the bearer token, else the portal's session cookie (only for GETs
    that change nothing, where a link from another site can start a download but never read it)."""
    header = request.headers.get("authorization")
    if header is None and (cookie := session_token(request)):
        header = f"Bearer {cookie}"
    _, actor = await caller(header, secret=secret, production=production)
    return actor
