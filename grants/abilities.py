"""What a viewer may do with an application now: pure rules behind `viewerCan`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from grants.models import ApplicationStatus, Role
from grants.workflow import ACTORS, EDITABLE, Action, allows

STAFF_ROLES = frozenset({Role.REVIEWER, Role.APPROVER, Role.ADMIN})


class Actor(Protocol):
    """What the rules need to know about who asks (a User row fits)."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> Role: ...
    @property
    def organisation_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Abilities:
    """The actions a client may offer this viewer for one application."""

    edit: bool
    submit: bool
    withdraw: bool
    review: bool
    decide: bool


def abilities(
    actor: Actor | None,
    *,
    status: ApplicationStatus,
    applicant_id: int,
    reviewer_ids: Collection[int],
    min_reviews: int,
) -> Abilities:
    """The abilities of `actor` given the application's status, owner and reviews."""
    if actor is None:
        return Abilities(False, False, False, False, False)
    own = actor.role is Role.APPLICANT and actor.organisation_id == applicant_id

    def may(action: Action) -> bool:
        return actor.role in ACTORS[action] and allows(status, action)

    return Abilities(
        edit=own and status in EDITABLE,
        submit=own and may(Action.SUBMIT),
        withdraw=own and may(Action.WITHDRAW),
        review=status is ApplicationStatus.IN_REVIEW and actor.role in ACTORS[Action.START_REVIEW],
        decide=may(Action.APPROVE) and actor.id not in reviewer_ids and len(reviewer_ids) >= min_reviews,
    )


def sees_reviews(actor: Actor | None) -> bool:
    """Reviews, their scores and even their number are for staff only."""
    return actor is not None and actor.role in STAFF_ROLES
