"""Money rules: exact Decimal amounts in CHF, two decimals at most."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from grants.errors import ErrorCode, Problem

#: An amount as clients send it: (amount, currency or None for CHF).
MoneyValue = tuple[Decimal, str | None]

CURRENCY = "CHF"
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")


def check_amount(
    amount: Decimal | None, currency: str | None, field: tuple[str, ...], *, positive: bool = False
) -> tuple[Decimal | None, list[Problem]]:
    """A clean amount in CHF, or the problems with it (currency, precision, sign, size)."""
    if amount is None:
        return None, []
    problems: list[Problem] = []
    if currency is not None and currency.upper() != CURRENCY:
        problems.append(
            Problem(
                ErrorCode.INVALID,
                "Amounts are in {currency}, not {given!r}",
                (*field, "currency"),
                currency=CURRENCY,
                given=currency,
            )
        )
    try:
        exact = Decimal(amount)
        finite = exact.is_finite()
    except (InvalidOperation, TypeError, ValueError):
        finite = False
    where = (*field, "amount")
    # Sign and size first: quantize() cannot represent huge or tiny exponents and would raise.
    if not finite:
        problems.append(Problem(ErrorCode.INVALID, "Not a number", where))
    elif exact < 0 or (positive and exact == 0):
        problems.append(
            Problem(ErrorCode.INVALID, "Must be more than 0" if positive else "Must not be negative", where)
        )
    elif exact > MAX_AMOUNT:
        problems.append(Problem(ErrorCode.INVALID, "Too large", where))
    elif exact != exact.quantize(CENT):
        problems.append(Problem(ErrorCode.INVALID, "At most two decimals (centimes)", where))
    return (exact.quantize(CENT) if not problems else None), problems


def to_cents(amount: Decimal) -> int:
    """An amount as whole centimes (exact for amounts with at most two decimals)."""
    return int((amount * 100).to_integral_exact())


def from_cents(cents: int) -> Decimal:
    """Whole centimes as an amount with two decimals."""
    return (Decimal(cents) / 100).quantize(CENT)
