"""The portal's own check of a form's two password fields (the API checks the password's strength)."""

from __future__ import annotations

from web.execute import FieldProblem
from web.i18n import gettext
from web.labels import N_

#: Shown at the confirmation field when the two entries differ; the API never sees such a form.
MISMATCH = N_("Enter the same password twice")
#: Shown at the password field when it is empty.
MISSING = N_("Enter a password")


def password_problems(password: str, repeated: str, *, field: str) -> list[FieldProblem]:
    """The problems of a new password typed twice into `field` and `field`Again; none when they agree."""
    if not password:
        return [FieldProblem(("input", field), gettext(MISSING), "INVALID")]
    if password != repeated:
        return [FieldProblem(("input", field + "Again"), gettext(MISMATCH), "INVALID")]
    return []


def posted_secret(form: object, name: str) -> str:
    """A posted password exactly as typed (never stripped: spaces may belong to it); '' when missing."""
    value = form.get(name) if hasattr(form, "get") else None
    return value if isinstance(value, str) else ""
