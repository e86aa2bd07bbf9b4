"""Strong passwords: zxcvbn's estimate of how guessable a password is, plus what is personal to its owner.

A length rule alone lets "Passwort12345" through. zxcvbn (Dropbox's estimator) knows common passwords,
words, names, keyboard rows, dates and repeats; a password must reach its score 3 ("safely
unguessable: moderate protection from offline slow-hash scenario"). A password holding the owner's
name, the local part of their address or "kipnet" is refused whatever its score: these are the first
guesses of anyone who targets the person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from zxcvbn import zxcvbn

from grants.errors import ErrorCode, Problem

MIN_PASSWORD_LENGTH = 12
#: zxcvbn's score (0..4) a password must reach.
MIN_SCORE = 3
#: zxcvbn refuses longer input (its cost grows with length): what follows is not estimated.
ESTIMATED_LENGTH = 72
#: Pieces of a name or address shorter than this are too common to refuse ("li", "ch").
MIN_PERSONAL_PIECE = 3

TOO_SHORT = "The password must have at least {min_password_length} characters"
PERSONAL = 'The password must not contain your name, your e-mail address or "kipnet"'
#: What a weak password is told, by the kind of weakness zxcvbn found (its warning); "" the rest.
WEAK = {
    "common": "The password is one of the most used passwords: choose another one",
    "keyboard": "The password is too easy to guess: rows of keys are among the first guesses",
    "repeat": "The password is too easy to guess: repeated characters or words add little",
    "sequence": "The password is too easy to guess: sequences like abc or 6543 add little",
    "date": "The password is too easy to guess: years and dates add little",
    "word": "The password is too easy to guess: add two or three uncommon words",
    "": "The password is too easy to guess: make it longer, e.g. with a few uncommon words",
}
#: zxcvbn's warnings (version 4.5), by the start of their English text.
_WARNINGS = (
    ("This is a top-", "common"),
    ("This is a very common password", "common"),
    ("This is similar to a commonly used password", "common"),
    ("Straight rows of keys", "keyboard"),
    ("Short keyboard patterns", "keyboard"),
    ("Repeats like", "repeat"),
    ("Sequences like", "sequence"),
    ("Recent years", "date"),
    ("Dates are often", "date"),
    ("A word by itself", "word"),
    ("Names and surnames", "word"),
    ("Common names and surnames", "word"),
)


def personal_pieces(*, email: str | None = None, name: str | None = None) -> list[str]:
    """The lower-case pieces of a person's address and name a password must not hold (and "kipnet")."""
    pieces = ["kipnet"]
    if email:
        local = email.split("@", 1)[0].lower()
        pieces.append(local)
        pieces.extend(re.split(r"[^\w]+", local))
    if name:
        pieces.extend(re.split(r"[^\w]+", name.lower()))
    return sorted({piece for piece in pieces if len(piece) >= MIN_PERSONAL_PIECE})


def weakness(warning: str) -> str:
    """The kind of weakness zxcvbn's `warning` names ("" when none or unknown)."""
    return next((kind for start, kind in _WARNINGS if warning.startswith(start)), "")


def password_problems(
    password: str, *, personal: Iterable[str] = ("kipnet",), field: Sequence[str] = ("password",)
) -> list[Problem]:
    """Why `password` is not strong enough (empty if it is), tied to `field`."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem(ErrorCode.INVALID, TOO_SHORT, field, min_password_length=MIN_PASSWORD_LENGTH)]
    pieces = list(personal)
    lowered = password.lower()
    if any(piece in lowered for piece in pieces):
        return [Problem(ErrorCode.INVALID, PERSONAL, field)]
    estimate = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=pieces)
    if estimate["score"] < MIN_SCORE:
        return [Problem(ErrorCode.INVALID, WEAK[weakness(estimate["feedback"]["warning"])], field)]
    return []
