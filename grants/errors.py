"""The domain's one exception tree: every refusal carries problems with a code and a field path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Why something was refused; the same values as the API's ErrorCode enum."""

    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    BUDGET_EXCEEDED = "BUDGET_EXCEEDED"
    RATE_LIMITED = "RATE_LIMITED"
    TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED"
    TWO_FACTOR_SETUP_REQUIRED = "TWO_FACTOR_SETUP_REQUIRED"


class Problem:
    """One thing wrong with a request, tied to the input field at fault (empty path: the whole request).

    `template` is the English message with {named} placeholders for `params`; it is also the key
    under which the API finds the message in the client's language (schema/locales).
    """

    __slots__ = ("code", "field", "params", "template")

    def __init__(self, code: ErrorCode, template: str, field: Sequence[str] = (), /, **params: Any) -> None:
        self.code = code
        self.template = template
        self.field: tuple[str, ...] = tuple(field)
        self.params: dict[str, Any] = params

    @property
    def message(self) -> str:
        """The message in English."""
        return self.template.format(**self.params)

    def under(self, *prefix: str) -> Problem:
        """The same problem with its field path placed under `prefix` (e.g. ("input",))."""
        return Problem(self.code, self.template, (*prefix, *self.field), **self.params)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.code, self.message, self.field) == (other.code, other.message, other.field)

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.field))

    def __repr__(self) -> str:
        return f"Problem({self.code.value}, {self.message!r}, {self.field!r})"


class KipnetError(Exception):
    """Base of every error kipnet raises on purpose."""


class DomainError(KipnetError):
    """A refused use case: one or more problems, all reported at once; nothing was changed."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("DomainError needs at least one problem")
        super().__init__("; ".join(p.message for p in self.problems))

    @classmethod
    def single(
        cls, code: ErrorCode, template: str, field: Sequence[str] = (), /, **params: Any
    ) -> DomainError:
        """A refusal with exactly one problem (see Problem for `template` and `params`)."""
        return cls([Problem(code, template, field, **params)])

    @property
    def code(self) -> ErrorCode:
        """The first problem's code, for callers that need just one."""
        return self.problems[0].code


class RateLimited(DomainError):
    """Refused because too many attempts were made; `retry_after` says how many seconds to wait."""

    def __init__(self, template: str, retry_after: int, **params: Any) -> None:
        super().__init__([Problem(ErrorCode.RATE_LIMITED, template, (), **params)])
        self.retry_after = retry_after


class ConfigurationError(KipnetError):
    """The service is configured in a way it must not run with."""


def raise_if_any(problems: Sequence[Problem]) -> None:
    """Raise a DomainError carrying `problems` if there are any."""
    if problems:
        raise DomainError(problems)
