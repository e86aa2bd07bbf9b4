"""MoneyInput: exact amounts as clients send them."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from grants.money import MoneyValue


@strawberry.input(description="An exact amount in Swiss francs; only CHF is accepted.")
class MoneyInput:
    amount: Decimal = strawberry.field(
        description='The amount with at most two decimals (centimes), e.g. "1250.50"; below a trillion.'
    )
    currency: str | None = strawberry.field(
        default="CHF", description="CHF (the default); any other currency is refused with INVALID."
    )

    def value(self) -> MoneyValue:
        """The (amount, currency) pair grants/ checks."""
        return self.amount, self.currency


def money_value(money: MoneyInput | None) -> MoneyValue | None:
    """The pair for an optional input."""
    return money.value() if money is not None else None
