"""The application workflow: one table (status, action) -> next status, and who may act.

Nothing else in kipnet decides a status; grants.moves applies a move of this table as a
compare-and-set together with its event.
"""

from __future__ import annotations

from enum import StrEnum

from grants.errors import DomainError, ErrorCode
from grants.models import ApplicationStatus, Role

S = ApplicationStatus


class Action(StrEnum):
    """What someone does to an application."""

    SUBMIT = "SUBMIT"
    WITHDRAW = "WITHDRAW"
    START_REVIEW = "START_REVIEW"
    REQUEST_CHANGES = "REQUEST_CHANGES"
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    CLOSE = "CLOSE"


TRANSITIONS: dict[tuple[ApplicationStatus, Action], ApplicationStatus] = {
    (S.DRAFT, Action.SUBMIT): S.SUBMITTED,
    (S.DRAFT, Action.WITHDRAW): S.WITHDRAWN,
    (S.SUBMITTED, Action.START_REVIEW): S.IN_REVIEW,
    (S.SUBMITTED, Action.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.IN_REVIEW, Action.REQUEST_CHANGES): S.CHANGES_REQUESTED,
    (S.CHANGES_REQUESTED, Action.SUBMIT): S.SUBMITTED,
    (S.CHANGES_REQUESTED, Action.WITHDRAW): S.WITHDRAWN,
    (S.IN_REVIEW, Action.APPROVE): S.APPROVED,
    (S.IN_REVIEW, Action.REJECT): S.REJECTED,
    (S.APPROVED, Action.CLOSE): S.CLOSED,
}

#: Who may take each action (applicants only for their own organisation's applications).
ACTORS: dict[Action, frozenset[Role]] = {
    Action.SUBMIT: frozenset({Role.APPLICANT}),
    Action.WITHDRAW: frozenset({Role.APPLICANT}),
    Action.START_REVIEW: frozenset({Role.REVIEWER, Role.APPROVER}),
    Action.REQUEST_CHANGES: frozenset({Role.REVIEWER, Role.APPROVER}),
    Action.APPROVE: frozenset({Role.APPROVER}),
    Action.REJECT: frozenset({Role.APPROVER}),
    Action.CLOSE: frozenset({Role.APPROVER, Role.ADMIN}),
}

#: Statuses in which the applicant may still edit.
EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})


def next_status(status: ApplicationStatus, action: Action) -> ApplicationStatus:
    """The status `action` leads to from `status`, or an INVALID_TRANSITION refusal."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            _REFUSED[action],
            status=status.value,
        ) from None


def allows(status: ApplicationStatus, action: Action) -> bool:
    """True if the table has a move for `action` from `status`."""
    return (status, action) in TRANSITIONS


_REFUSED = {
    Action.SUBMIT: "An application that is {status} cannot be submitted",
    Action.WITHDRAW: "An application that is {status} cannot be withdrawn",
    Action.START_REVIEW: "An application that is {status} cannot be taken into review",
    Action.REQUEST_CHANGES: "An application that is {status} cannot be sent back for changes",
    Action.APPROVE: "An application that is {status} cannot be approved",
    Action.REJECT: "An application that is {status} cannot be rejected",
    Action.CLOSE: "An application that is {status} cannot be closed",
}
