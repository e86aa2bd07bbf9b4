"""Pure rules of an award: the amount an approver may grant, and the tranches it is paid in."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from grants.errors import ErrorCode, Problem
from grants.money import MoneyValue, check_amount
from grants.tranches import tranche_amounts

WHERE = ("amount", "amount")


def award_amount(
    amount: MoneyValue | None,
    *,
    requested: Decimal,
    maximum: Decimal | None,
    tranche_plan: Sequence[dict[str, Any]],
) -> tuple[Decimal | None, list[Problem]]:
    """The amount to award, or why not: more than 0, at most the request and the call's maximum,
    and enough for every tranche of the call's payment plan to be worth at least a centime."""
    if amount is None:
        return None, [Problem(ErrorCode.INVALID, "Approving needs an amount", ("amount",))]
    awarded, problems = check_amount(amount[0], amount[1], ("amount",), positive=True)
    if awarded is None:
        return None, problems
    if awarded > requested:
        problems.append(
            Problem(ErrorCode.INVALID, "At most the requested {requested}", WHERE, requested=requested)
        )
    if maximum is not None and awarded > maximum:
        problems.append(
            Problem(ErrorCode.INVALID, "At most the call's maximum of {maximum}", WHERE, maximum=maximum)
        )
    if any(part <= 0 for part, _ in tranche_amounts(awarded, tranche_plan)):
        problems.append(
            Problem(
                ErrorCode.INVALID,
                "The call's payment plan would leave a tranche of CHF 0.00 out of {awarded}",
                WHERE,
                awarded=awarded,
            )
        )
    return (awarded if not problems else None), problems
