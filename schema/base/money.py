"""MoneyInput: exact amounts as clients send them."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from grants.money import MoneyValue


@strawberry.input(description="An exact amount; only CHF is accepted.")
class MoneyInput:
    amount: Decimal
    currency: str | None = "CHF"

    def value(self) -> MoneyValue:
        """The (amount, currency) pair grants/ checks."""
        return self.amount, self.currency


def money_value(money: MoneyInput | None) -> MoneyValue | None:
    """The pair for an optional input."""
    return money.value() if money is not None else None
