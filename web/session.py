"""The sign-in cookie (an API token) and protection of every form against cross-site requests.

The token the `login` mutation returns lives in an HttpOnly, SameSite=Lax cookie (Secure in
production); /graphql never reads it, so the API stays free of CSRF. Forms carry a synchronizer
token: an HMAC of a random per-browser value (its own HttpOnly cookie) under the server's secret,
so a page of another site can neither read nor forge it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from contextvars import ContextVar

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "kipnet_session"
CSRF_COOKIE = "kipnet_csrf"
CSRF_FIELD = "csrf_token"
#: The token of the page being rendered, for the forms on it (set per request by web.page).
current_csrf_token: ContextVar[str] = ContextVar("current_csrf_token", default="")
#: How long a browser keeps the sign-in cookie; the token itself expires on the server sooner or later.
SESSION_MAX_AGE = 12 * 3600
#: A year: the CSRF value only binds forms to this browser.
CSRF_MAX_AGE = 365 * 24 * 3600


def session_token(request: Request) -> str | None:
    """The API token of the signed-in visitor, if the browser sent one."""
    return request.cookies.get(SESSION_COOKIE) or None


def keep_session(response: Response, token: str, *, secure: bool) -> None:
    """Make the browser send `token` back on every page."""
    response.set_cookie(
        SESSION_COOKIE, token, max_age=SESSION_MAX_AGE, path="/", httponly=True, samesite="lax", secure=secure
    )


def end_session(response: Response, *, secure: bool) -> None:
    """Make the browser forget the token."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)


def _browser_value(request: Request) -> str:
    """This browser's CSRF value: from its cookie, or a new one remembered for the response."""
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_value", None)
    if not value or len(value) > 64:
        value = secrets.token_urlsafe(32)
        request.state.new_csrf_value = value
    return value


def _sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), b"kipnet-form:" + value.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request, secret: str) -> str:
    """The token every form of this page carries in its hidden `csrf_token` field."""
    return _sign(secret, _browser_value(request))


def form_token() -> str:
    """The CSRF token of the page being rendered (templates call it in every form)."""
    return current_csrf_token.get()


def remember_browser(request: Request, response: Response, *, secure: bool) -> None:
    """Send the CSRF value's cookie if this response introduced it."""
    value = getattr(request.state, "new_csrf_value", None)
    if value:
        response.set_cookie(
            CSRF_COOKIE, value, max_age=CSRF_MAX_AGE, path="/", httponly=True, samesite="lax", secure=secure
        )


def carries_token(request: Request, form: FormData, secret: str) -> bool:
    """Whether a posted form carries the token of the browser that posts it."""
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = form.get(CSRF_FIELD)
    return bool(cookie) and isinstance(sent, str) and hmac.compare_digest(sent, _sign(secret, cookie or ""))


#: The pending sign-in of an account with two-factor sign-in: e-mail and password between the two
#: steps, sealed (encrypted and authenticated) for this server and void after a few minutes.
PENDING_COOKIE = "kipnet_pending_sign_in"
PENDING_MAX_AGE = 300


def _pending_seal(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"kipnet-pending-sign-in").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def keep_pending_sign_in(response: Response, email: str, password: str, *, secret: str, secure: bool) -> None:
    """Remember a sign-in waiting for its code: sealed, HttpOnly, only sent to /sign-in, five minutes."""
    sealed = _pending_seal(secret).encrypt(json.dumps([email, password]).encode()).decode()
    response.set_cookie(
        PENDING_COOKIE,
        sealed,
        max_age=PENDING_MAX_AGE,
        path="/sign-in",
        httponly=True,
        samesite="strict",
        secure=secure,
    )


def pending_sign_in(request: Request, secret: str) -> tuple[str, str] | None:
    """(e-mail, password) of the sign-in waiting for its code, if sealed here less than five minutes ago."""
    sealed = request.cookies.get(PENDING_COOKIE)
    if not sealed or len(sealed) > 4096:
        return None
    try:
        email, password = json.loads(_pending_seal(secret).decrypt(sealed.encode(), ttl=PENDING_MAX_AGE))
    except (InvalidToken, ValueError, TypeError):
        return None
    return (email, password) if isinstance(email, str) and isinstance(password, str) else None


def end_pending_sign_in(response: Response, *, secure: bool) -> None:
    """Make the browser forget the pending sign-in."""
    response.delete_cookie(PENDING_COOKIE, path="/sign-in", httponly=True, samesite="strict", secure=secure)
