"""Staff review: taking applications into review, asking for changes, and scoring them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tortoise.expressions import F

from grants import audit
from grants.application_rules import weighted_score
from grants.applications import require_visible
from grants.atomic import atomic
from grants.codes import normalise_code
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import (
    Application,
    ApplicationStatus,
    InternalNote,
    Recommendation,
    Review,
    ReviewCriterion,
    Role,
    User,
)
from grants.moves import move, record_event
from grants.notifications import tell_applicant
from grants.permissions import require_role
from grants.text import clean_text
from grants.workflow import ACTORS, Action

MAX_SCORE = 5
STAFF = (Role.REVIEWER, Role.APPROVER, Role.ADMIN)


async def _staff_move(
    actor: User | None,
    application_id: int,
    action: Action,
    message: str | None,
    now: datetime,
    public_url: str,
) -> Application:
    application = await require_visible(actor, application_id)
    staff = require_role(actor, *ACTORS[action])
    async with atomic():
        moved = await move(application, action, actor=staff, now=now, message=message)
        told = "CHANGES_REQUESTED" if action is Action.REQUEST_CHANGES else "REVIEW_STARTED"
        await tell_applicant(application=moved, kind=told, message=message, now=now, public_url=public_url)
    return moved


async def start_review(
    *, actor: User | None, application_id: int, message: str | None, now: datetime, public_url: str
) -> Application:
    """Staff take a submitted application into review."""
    return await _staff_move(actor, application_id, Action.START_REVIEW, message, now, public_url)


async def request_changes(
    *, actor: User | None, application_id: int, message: str | None, now: datetime, public_url: str
) -> Application:
    """Staff send an application back to the applicant, saying what to change."""
    if clean_text(message) is None:
        require_role(actor, *ACTORS[Action.REQUEST_CHANGES])
        raise DomainError.single(ErrorCode.INVALID, "Tell the applicant what to change", ("message",))
    return await _staff_move(actor, application_id, Action.REQUEST_CHANGES, message, now, public_url)


async def submit_review(
    *,
    actor: User | None,
    application_id: int,
    scores: Sequence[tuple[str, int]],
    recommendation: Recommendation,
    comment: str | None,
    now: datetime,
) -> Review:
    """A reviewer scores every criterion of the call 0..5; a second review replaces the first."""
    application = await require_visible(actor, application_id)
    reviewer = require_role(actor, *ACTORS[Action.START_REVIEW])
    if application.status is not ApplicationStatus.IN_REVIEW:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "An application that is {status} cannot be reviewed",
            status=application.status.value,
        )
    criteria = {c.code: c for c in await ReviewCriterion.filter(call_id=application.call_id)}
    problems: list[Problem] = []
    given: dict[str, int] = {}
    for index, (raw_code, score) in enumerate(scores):
        where = ("scores", str(index))
        code = normalise_code(raw_code)
        if code not in criteria:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "The call has no criterion {criterion!r}",
                    (*where, "criterion"),
                    criterion=code,
                )
            )
        elif code in given:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "{criterion!r} is scored twice",
                    (*where, "criterion"),
                    criterion=code,
                )
            )
        if not 0 <= score <= MAX_SCORE:
            problems.append(
                Problem(
                    ErrorCode.INVALID, "A score is 0 to {max_score}", (*where, "score"), max_score=MAX_SCORE
                )
            )
        given[code] = score
    for code in criteria.keys() - given.keys():
        problems.append(
            Problem(
                ErrorCode.INVALID, "The criterion {criterion!r} is not scored", ("scores",), criterion=code
            )
        )
    raise_if_any(problems)
    ordered = [
        {"criterion": code, "score": given[code]}
        for code in sorted(criteria, key=lambda c: criteria[c].position)
    ]
    values: dict[str, Any] = {
        "scores": ordered,
        "weighted_score": weighted_score([(given[code], criteria[code].weight) for code in criteria]),
        "recommendation": recommendation,
        "comment": clean_text(comment),
        "submitted_at": now,
    }
    async with atomic():
        # A review moves the application's version, so a decision read before it lands fails its
        # compare-and-set: the approver-is-not-a-reviewer rule holds under any interleaving.
        if not await Application.filter(id=application.id, status=ApplicationStatus.IN_REVIEW).update(
            version=F("version") + 1, updated_at=now
        ):
            raise DomainError.single(
                ErrorCode.CONFLICT, "The application left review meanwhile; reload it", ("id",)
            )
        review = await Review.get_or_none(application_id=application.id, reviewer_id=reviewer.id)
        replaced = review is not None
        if review is None:
            review = await Review.create(application_id=application.id, reviewer=reviewer, **values)
        else:
            await review.update_from_dict(values).save()
        await record_event(
            application=application,
            actor=reviewer,
            kind="REVIEW_REPLACED" if replaced else "REVIEW_SUBMITTED",
        )
        await audit.record(
            actor=reviewer,
            action="review.replace" if replaced else "review.submit",
            entity_type="Review",
            entity_id=review.id,
            changes={"weighted_score": str(values["weighted_score"]), "recommendation": recommendation.value},
        )
    return review


async def add_internal_note(
    *, actor: User | None, application_id: int, body: str, now: datetime
) -> InternalNote:
    """Staff keep a note on an application, for staff only."""
    application = await require_visible(actor, application_id)
    author = require_role(actor, *STAFF)
    text = clean_text(body)
    if text is None:
        raise DomainError.single(ErrorCode.INVALID, "A note needs text", ("body",))
    async with atomic():
        note = await InternalNote.create(
            application_id=application.id, author=author, body=text, created_at=now
        )
        await audit.record(
            actor=author,
            action="note.add",
            entity_type="InternalNote",
            entity_id=note.id,
            changes={"application": application.reference},
        )
    return note
