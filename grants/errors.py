"""The domain's one exception tree: every refusal carries problems with a code and a field path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


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


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a request, tied to the input field at fault (empty path: the whole request)."""

    code: ErrorCode
    message: str
    field: tuple[str, ...] = ()

    def under(self, *prefix: str) -> Problem:
        """The same problem with its field path placed under `prefix` (e.g. ("input",))."""
        return Problem(self.code, self.message, (*prefix, *self.field))


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
    def single(cls, code: ErrorCode, message: str, field: Sequence[str] = ()) -> DomainError:
        """A refusal with exactly one problem."""
        return cls([Problem(code, message, tuple(field))])

    @property
    def code(self) -> ErrorCode:
        """The first problem's code, for callers that need just one."""
        return self.problems[0].code


class RateLimited(DomainError):
    """Refused because too many attempts were made; `retry_after` says how many seconds to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__([Problem(ErrorCode.RATE_LIMITED, message)])
        self.retry_after = retry_after


class ConfigurationError(KipnetError):
    """The service is configured in a way it must not run with."""


def raise_if_any(problems: Sequence[Problem]) -> None:
    """Raise a DomainError carrying `problems` if there are any."""
    if problems:
        raise DomainError(problems)
