"""Time-based one-time passwords (RFC 6238) through pyotp, recovery codes, and the QR code as SVG.

Pure functions of their arguments (the time is passed in): no database, no clock of their own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import segno

from grants import sealing

ISSUER = "kipnet"
#: Seconds per TOTP step (RFC 6238's default, what every authenticator app uses).
STEP_SECONDS = 30
#: Codes of the step before and after the current one count too: phones' clocks drift.
WINDOW = 1
DIGITS = 6
RECOVERY_CODES = 10
#: Recovery codes are written in this alphabet (no 0/o, 1/l to confuse on paper).
_RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_SEAL_INFO = b"kipnet two-factor secret v1"


def new_secret() -> str:
    """A new random base32 TOTP secret (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, account: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=account, issuer_name=ISSUER
    )


def grouped(secret: str) -> str:
    """The secret in groups of four letters, for typing it in by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as inline SVG markup (no script, no style attribute: fits a strict CSP)."""
    code = segno.make(uri, error="m")
    return code.svg_inline(scale=4, dark="#000", light="#fff", svgclass="kipnet-qr", lineclass=None)


def step_at(now: datetime) -> int:
    """The TOTP time step `now` falls in."""
    return int(now.timestamp()) // STEP_SECONDS


def normalise_code(code: str) -> str:
    """A code as typed, without spaces or dashes and in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def is_totp_shaped(code: str) -> bool:
    """True if `code` (normalised) looks like a TOTP code: six digits."""
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def matching_step(secret: str, code: str, *, now: datetime, last_used_step: int | None) -> int | None:
    """The time step whose code `code` is, within ±WINDOW steps of `now` and after `last_used_step`.

    None if it matches none: a wrong code, one too old or too new, or one already used (a replay of
    the same code, or of an earlier step's, is refused).
    """
    typed = normalise_code(code)
    if not is_totp_shaped(typed):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = step_at(now)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), typed):
            return step
    return None


def new_recovery_codes(count: int = RECOVERY_CODES) -> list[str]:
    """`count` random one-time recovery codes like "k7rm2-x9qpt" (50 bits each)."""
    return [
        "-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5)) for _ in range(2))
        for _ in range(count)
    ]


def recovery_digest(code: str, secret: str) -> str:
    """The keyed digest a recovery code is stored under (what was typed, normalised)."""
    return hmac.new(secret.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


def seal(totp_secret: str, app_secret: str) -> str:
    """The TOTP secret encrypted and authenticated, as stored in the database."""
    return sealing.seal(totp_secret, app_secret, info=_SEAL_INFO)


def unseal(sealed: str, app_secret: str) -> str | None:
    """The TOTP secret back from its sealed form; None if it was sealed under another app secret."""
    return sealing.unseal(sealed, app_secret, info=_SEAL_INFO)
