"""One generated application's whole life as rows: the steps the domain would have recorded.

Pure: no database. Each move, review, award, payment and report gets the event and audit record
the domain writes for it (grants.moves, grants.review, grants.decision, grants.aftercare), the
version counts every move, edit and review, and times only move forward and never pass `now`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bench.generator import words
from grants.application_rules import weighted_score
from grants.money import CENT

#: Table -> rows; each row is a dict of column -> Python value (converted by the writer).
Rows = dict[str, list[dict[str, Any]]]
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CallInfo:
    """What a lifecycle needs of its call."""

    id: int
    opens_at: datetime
    closes_at: datetime
    min_reviews: int
    criteria: tuple[tuple[str, Decimal], ...]
    tranche_plan: tuple[dict[str, Any], ...]
    area_ids: tuple[int, ...]
    project_start: date
    latest_end: date
    max_amount: Decimal


@dataclass(slots=True)
class Ledger:
    """What is left of each call's budget while applications are planned (never below zero)."""

    remaining: dict[int, Decimal] = field(default_factory=dict)

    def take(self, call_id: int, amount: Decimal) -> bool:
        """Commit `amount` from the call if enough is left; False (nothing taken) otherwise."""
        if self.remaining[call_id] < amount:
            return False
        self.remaining[call_id] -= amount
        return True


@dataclass(frozen=True, slots=True)
class People:
    """Who acts: the applicant's account, staff, places and indicators to choose from."""

    applicant_org: int
    applicant_user: int
    reviewers: tuple[int, ...]
    approvers: tuple[int, ...]
    places: tuple[tuple[int, str], ...]
    indicators: tuple[str, ...]


#: Target statuses by the call's phase: open, decided recently, long ago (weights).
PHASE_WEIGHTS = {
    "open": {"DRAFT": 40, "SUBMITTED": 30, "IN_REVIEW": 12, "CHANGES_REQUESTED": 10, "WITHDRAWN": 8},
    "recent": {
        "DRAFT": 6,
        "SUBMITTED": 12,
        "IN_REVIEW": 28,
        "CHANGES_REQUESTED": 10,
        "APPROVED": 24,
        "REJECTED": 14,
        "WITHDRAWN": 6,
    },
    "old": {"DRAFT": 4, "WITHDRAWN": 6, "REJECTED": 28, "APPROVED": 22, "CLOSED": 40},
}


def phase_of(call: CallInfo, now: datetime) -> str:
    """ "open" while the call takes applications, "recent" for 150 days after, then "old"."""
    if call.closes_at > now:
        return "open"
    return "recent" if now - call.closes_at < timedelta(days=150) else "old"


class Life:
    """Builds the rows of one application step by step (see application_rows)."""

    def __init__(self, rows: Rows, app_id: int, ids: dict[str, Iterator[int]], now: datetime) -> None:
        self.rows, self.app_id, self.ids, self.now = rows, app_id, ids, now
        self.version, self.status, self.at = 1, "DRAFT", now
        self.updated_at = now

    def later(self, rng: random.Random, until: datetime, share: float = 0.3) -> datetime:
        """A moment after the last step, at most `share` of the way to `until` (never past now)."""
        limit = min(until, self.now)
        if limit > self.at:
            self.at += (limit - self.at) * rng.uniform(0.02, share)
        return self.at

    def event(self, actor: int, kind: str, message: str | None = None, **statuses: str) -> None:
        """One step of the history, as grants.moves.record_event writes it."""
        self.rows["application_event"].append(
            {
                "application_id": self.app_id,
                "at": self.at,
                "actor_id": actor,
                "kind": kind,
                "from_status": statuses.get("from_status"),
                "to_status": statuses.get("to_status"),
                "message": message,
            }
        )

    def audit(self, actor: int, action: str, entity: str, entity_id: int, changes: dict[str, Any]) -> None:
        """One audit record, as grants.audit.record writes it."""
        self.rows["audit_record"].append(
            {
                "at": self.at,
                "actor_id": actor,
                "action": action,
                "entity_type": entity,
                "entity_id": entity_id,
                "changes": changes,
            }
        )

    def move(self, actor: int, action: str, to: str, message: str | None = None) -> None:
        """A workflow move: compare-and-set on version, audit record and event (grants.moves.move)."""
        self.version += 1
        self.updated_at = self.at
        changes = {"from": self.status, "to": to, "version": self.version}
        self.audit(actor, f"application.{action.lower()}", "Application", self.app_id, changes)
        self.event(actor, f"TRANSITION:{action}", message, from_status=self.status, to_status=to)
        self.status = to

    def edit(self, actor: int, fields: list[str]) -> None:
        """The applicant changed the application (grants.applications.update_application)."""
        self.version += 1
        self.updated_at = self.at
        self.event(actor, "EDITED")
        self.audit(actor, "application.update", "Application", self.app_id, {"fields": sorted(fields)})

    def review(self, reviewer: int, call: CallInfo, rng: random.Random) -> None:
        """A reviewer scores every criterion (grants.review.submit_review); the version moves."""
        given = [(code, rng.randint(1, 5), weight) for code, weight in call.criteria]
        score = weighted_score([(points, weight) for _, points, weight in given])
        recommendation = "APPROVE" if score >= 3 else rng.choice(("REJECT", "CHANGES"))
        review_id = next(self.ids["review"])
        self.rows["review"].append(
            {
                "id": review_id,
                "application_id": self.app_id,
                "reviewer_id": reviewer,
                "scores": [{"criterion": code, "score": points} for code, points, _ in given],
                "weighted_score": score,
                "recommendation": recommendation,
                "comment": rng.choice(words.REVIEW_COMMENTS),
                "submitted_at": self.at,
            }
        )
        self.version += 1
        self.updated_at = self.at
        self.event(reviewer, "REVIEW_SUBMITTED")
        changes = {"weighted_score": str(score), "recommendation": recommendation}
        self.audit(reviewer, "review.submit", "Review", review_id, changes)


def pick_status(rng: random.Random, phase: str) -> str:
    """The status an application of a call in `phase` ends up in (aftercare may stop short)."""
    weights = PHASE_WEIGHTS[phase]
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def amounts(rng: random.Random, maximum: Decimal) -> dict[str, Any]:
    """A budget whose lines add up to own contribution + third-party funding + the request."""
    requested = Decimal(rng.randrange(40, int(maximum) // 100)) * 100
    own = Decimal(rng.randrange(10, 80)) * 100
    third = Decimal(rng.choice((0, 0, 2000, 5000)))
    total = requested + own + third
    count = rng.randint(1, 3)
    items = rng.sample(words.BUDGET_ITEMS, k=count)
    shares = [(total * Decimal(share)).quantize(Decimal(1)) for share in (0.7, 0.2)][: count - 1]
    lines = [*shares, total - sum(shares, Decimal(0))]
    return {
        "requested": requested.quantize(CENT),
        "own": own.quantize(CENT),
        "third": third.quantize(CENT),
        "lines": [
            (category, text, amount.quantize(CENT))
            for (category, text), amount in zip(items, lines, strict=True)
        ],
    }
