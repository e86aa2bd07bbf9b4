"""Values sealed (encrypted and authenticated) with Fernet under a key derived from the app secret.

Each use passes its own HKDF `info`, so the keys of different uses differ: a value sealed for one
purpose never opens as another's. A new app secret voids every sealed value (unseal answers None).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _fernet(app_secret: str, info: bytes) -> Fernet:
    """The Fernet key derived from the application's secret with HKDF for the use `info`."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(app_secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: str, app_secret: str, *, info: bytes) -> str:
    """`value` encrypted and authenticated for the use `info`, as stored in the database."""
    return _fernet(app_secret, info).encrypt(value.encode()).decode()


def unseal(sealed: str, app_secret: str, *, info: bytes) -> str | None:
    """The value back from its sealed form; None if sealed under another app secret or for another use."""
    try:
        return _fernet(app_secret, info).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None
