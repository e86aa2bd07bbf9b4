"""One-time links of invitation and password-reset mails: tokens kept only as digests, used once, expiring.

The token travels only in the mail; the database holds its SHA-256 digest, so a copy of the
database gives no working link. A token is used by one conditional UPDATE (`used_at IS NULL AND
expires_at > now`), so two requests racing with the same link cannot both succeed. A new link of
the same purpose marks the older ones used: only the latest mail works.

Nor does the outbox hold a working link: the mail is written with MARKER in place of the token, and
the token is stored beside it sealed under the app secret (`seal_token`); the mailer opens the seal
and puts the token in at delivery (`unmark`), then empties the sealed column.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from grants import sealing
from grants.errors import DomainError, ErrorCode
from grants.models import AccountToken, TokenPurpose, User

INVITATION_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=1)
LIFETIMES = {TokenPurpose.INVITATION: INVITATION_LIFETIME, TokenPurpose.RESET: RESET_LIFETIME}
#: The portal's pages the links open (fixed: the portal and the log redaction rely on them).
PATHS = {TokenPurpose.INVITATION: "/account/invitation/", TokenPurpose.RESET: "/account/reset/"}
#: The one refusal for a link that is unknown, forged, expired, used or replaced: they look alike.
LINK_REFUSED = "This link is not valid (any more): ask for a new one"
#: What an outbox row's link holds in place of the token: "~" is not in token_urlsafe's alphabet, so
#: the marker can never be a token, and neither HTML escaping nor text layout alters it.
MARKER = "~sealed-link-token~"
#: HKDF info of the key outbox tokens are sealed with (differs from the two-factor secrets' key).
_SEAL_INFO = b"kipnet outbox link token v1"


def link_digest(token: str) -> str:
    """The SHA-256 digest under which a link's token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh URL-safe token and its digest."""
    token = secrets.token_urlsafe(32)
    return token, link_digest(token)


def link(public_url: str, purpose: TokenPurpose, token: str) -> str:
    """The portal address a mail links to, e.g. https://kip.bl.ch/account/reset/<token>."""
    return f"{public_url.rstrip('/')}{PATHS[purpose]}{token}"


def seal_token(token: str, app_secret: str) -> str:
    """The token sealed for the outbox row of its mail."""
    return sealing.seal(token, app_secret, info=_SEAL_INFO)


def unseal_token(sealed: str, app_secret: str) -> str | None:
    """The token back from an outbox row; None if sealed under another app secret."""
    return sealing.unseal(sealed, app_secret, info=_SEAL_INFO)


def unmark(text: str, token: str) -> str:
    """`text` (a mail body written with MARKER) with the token in the marker's place."""
    return text.replace(MARKER, token)


def refused() -> DomainError:
    """The refusal of a link that does not work, on the `token` field."""
    return DomainError.single(ErrorCode.INVALID, LINK_REFUSED, ("token",))


async def issue(*, user: User, purpose: TokenPurpose, now: datetime) -> str:
    """A new token of `purpose` for `user` (older unused ones of that purpose stop working); call in a
    transaction."""
    await AccountToken.filter(user_id=user.id, purpose=purpose, used_at__isnull=True).update(used_at=now)
    token, digest = new_token()
    await AccountToken.create(user=user, purpose=purpose, digest=digest, expires_at=now + LIFETIMES[purpose])
    return token


async def usable(*, token: str, purpose: TokenPurpose, now: datetime) -> AccountToken:
    """The unused, unexpired token row (its user loaded), or the refusal."""
    row = (
        await AccountToken.filter(
            digest=link_digest(token), purpose=purpose, used_at__isnull=True, expires_at__gt=now
        )
        .select_related("user")
        .first()
    )
    if row is None:
        raise refused()
    return row


async def use(*, row: AccountToken, now: datetime) -> None:
    """Mark the token used, or refuse if another request used it first; call in a transaction."""
    used = await AccountToken.filter(id=row.id, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
    if not used:
        raise refused()
