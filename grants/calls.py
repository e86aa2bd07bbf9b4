"""Funding calls: opening them, their status by the clock, and the budget ledger awards draw on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from tortoise.expressions import F

from grants import audit
from grants.atomic import atomic
from grants.call_rules import clean_call, window_problems
from grants.codes import normalise_code
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import FundingArea, FundingCall, Programme, ReviewCriterion, Role, User
from grants.money import to_cents
from grants.permissions import require_role
from grants.sequences import next_value


class CallStatus(StrEnum):
    """Where a call stands by the clock."""

    UPCOMING = "UPCOMING"
    OPEN = "OPEN"
    CLOSED = "CLOSED"


def call_status(call: FundingCall, now: datetime) -> CallStatus:
    """UPCOMING before it opens, OPEN until it closes, CLOSED after."""
    if now < call.opens_at:
        return CallStatus.UPCOMING
    return CallStatus.OPEN if now < call.closes_at else CallStatus.CLOSED


async def list_calls(*, status: CallStatus | None, now: datetime) -> list[FundingCall]:
    """Calls in order of opening, optionally only those with `status` now."""
    queryset = FundingCall.all().order_by("opens_at", "id")
    if status is CallStatus.UPCOMING:
        queryset = queryset.filter(opens_at__gt=now)
    elif status is CallStatus.OPEN:
        queryset = queryset.filter(opens_at__lte=now, closes_at__gt=now)
    elif status is CallStatus.CLOSED:
        queryset = queryset.filter(closes_at__lte=now)
    return await queryset


async def _references(values: Mapping[str, Any]) -> tuple[Programme | None, list[FundingArea], list[Problem]]:
    problems: list[Problem] = []
    programme = await Programme.get_or_none(code__iexact=str(values.get("programme") or "").strip())
    if programme is None:
        problems.append(
            Problem(
                ErrorCode.NOT_FOUND,
                "No programme {programme!r}",
                ("programme",),
                programme=values.get("programme"),
            )
        )
        return None, [], problems
    codes = [normalise_code(code) for code in values.get("funding_areas") or []]
    areas = {area.code: area for area in await programme.funding_areas.all()}
    for index, code in enumerate(codes):
        if code not in areas:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "{area!r} is not a funding area of {programme}",
                    ("funding_areas", str(index)),
                    area=code,
                    programme=programme.code,
                )
            )
    return programme, [areas[code] for code in codes if code in areas], problems


async def reviewers_possible() -> int:
    """How many staff may review an application of a call: active reviewers and approvers,
    less the one approver who must decide without having reviewed."""
    reviewers = await User.filter(is_active=True, role=Role.REVIEWER).count()
    approvers = await User.filter(is_active=True, role=Role.APPROVER).count()
    return reviewers + max(approvers - 1, 0)


async def create_call(*, actor: User | None, values: Mapping[str, Any], now: datetime) -> FundingCall:
    """Admin: open a call for proposals under a programme phase."""
    admin = require_role(actor, Role.ADMIN)
    clean, problems = clean_call(values, creating=True, reviewers_possible=await reviewers_possible())
    programme, areas, found = await _references(values)
    if programme is not None and "opens_at" in clean and "closes_at" in clean:
        found += window_problems(
            clean["opens_at"], clean["closes_at"], programme.start_year, programme.end_year
        )
    raise_if_any([*problems, *found])
    assert programme is not None
    criteria: Sequence[dict[str, Any]] = clean.pop("criteria")
    async with atomic():
        number = await next_value(f"call-{now.year}")
        call = await FundingCall.create(
            reference=f"CALL-{now.year}-{number:02d}", programme=programme, **clean
        )
        await call.funding_areas.add(*areas)
        for position, criterion in enumerate(criteria):
            await ReviewCriterion.create(call=call, position=position, **criterion)
        await audit.record(
            actor=admin,
            action="call.create",
            entity_type="FundingCall",
            entity_id=call.id,
            changes={"reference": call.reference, "programme": programme.code, "budget": str(call.budget)},
        )
    return call


async def update_call(*, actor: User | None, call_id: int, values: Mapping[str, Any]) -> FundingCall:
    """Admin: change a call's texts, window, budget (never below what is committed) or limits."""
    admin = require_role(actor, Role.ADMIN)
    call = await FundingCall.get_or_none(id=call_id)
    if call is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such call", ("id",))
    clean, problems = clean_call(
        values, creating=False, current=call, reviewers_possible=await reviewers_possible()
    )
    if "opens_at" in clean or "closes_at" in clean:
        programme = await Programme.get(id=call.programme_id)
        problems += window_problems(
            clean.get("opens_at", call.opens_at),
            clean.get("closes_at", call.closes_at),
            programme.start_year,
            programme.end_year,
        )
    raise_if_any(problems)
    changes = {k: [str(getattr(call, k)), str(v)] for k, v in clean.items() if getattr(call, k) != v}
    if not changes:
        return call
    async with atomic():
        guarded = FundingCall.filter(id=call.id)
        if "budget_cents" in clean:  # the same guard as the ledger: never below the committed sum
            guarded = guarded.filter(committed_cents__lte=clean["budget_cents"])
        if not await guarded.update(**clean):
            raise DomainError.single(
                ErrorCode.BUDGET_EXCEEDED,
                "The budget cannot be less than the awards already made",
                ("budget",),
            )
        await audit.record(
            actor=admin, action="call.update", entity_type="FundingCall", entity_id=call.id, changes=changes
        )
    return await FundingCall.get(id=call.id)


async def close_call_early(*, actor: User | None, call_id: int, now: datetime) -> FundingCall:
    """Admin: close a call now instead of at its deadline."""
    call = await FundingCall.get_or_none(id=call_id)
    if call is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such call", ("id",))
    if call_status(call, now) is CallStatus.CLOSED:
        raise DomainError.single(ErrorCode.INVALID_TRANSITION, "The call is closed already", ("id",))
    return await update_call(actor=actor, call_id=call_id, values={"closes_at": max(now, call.opens_at)})


async def commit_award(*, call_id: int, amount: Decimal) -> bool:
    """Take `amount` from the call's budget if it fits; call inside the approving transaction.

    One conditional UPDATE holds the rule, so concurrent approvals can never over-commit.
    """
    cents = to_cents(amount)
    changed = await FundingCall.filter(id=call_id, committed_cents__lte=F("budget_cents") - cents).update(
        committed_cents=F("committed_cents") + cents
    )
    return changed == 1
