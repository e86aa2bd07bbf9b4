"""Payment plans: splitting an award into tranches that add up to it exactly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Any

from grants.money import CENT


class Milestone(StrEnum):
    """When a tranche falls due."""

    PROJECT_START = "PROJECT_START"
    FINAL_REPORT = "FINAL_REPORT"


MILESTONES = tuple(milestone.value for milestone in Milestone)


def tranche_amounts(total: Decimal, plan: Sequence[dict[str, Any]]) -> list[tuple[Decimal, str]]:
    """(amount, milestone) per step of `plan`; rounding down, the last step takes the remainder."""
    amounts: list[tuple[Decimal, str]] = []
    for step in plan[:-1]:
        amounts.append(((total * Decimal(step["share"])).quantize(CENT, rounding=ROUND_DOWN), step["due"]))
    amounts.append((total - sum((amount for amount, _ in amounts), Decimal(0)), plan[-1]["due"]))
    return amounts


def due_date(milestone: str, project_start: date, project_end: date) -> date:
    """When a milestone is expected: the project start, or its end for the final report."""
    return project_start if milestone == "PROJECT_START" else project_end
