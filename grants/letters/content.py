"""What a decision letter (Verfügung) prints, as plain values: the renderer draws exactly this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Outcome(StrEnum):
    """What the approver decided."""

    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class Party:
    """A sender or recipient: a name and a Swiss postal address (parts may be unknown)."""

    name: str
    street: str | None
    postal_code: str | None
    locality: str | None

    def lines(self) -> tuple[str, ...]:
        """The address block as printed: name, street, postal code and locality (unknown parts left out)."""
        town = " ".join(part for part in (self.postal_code, self.locality) if part)
        return tuple(line for line in (self.name, self.street, town) if line)


@dataclass(frozen=True)
class Tranche:
    """One step of the payment plan as printed: its number (from 1), amount and due date."""

    position: int
    amount: Decimal
    due_on: date


@dataclass(frozen=True)
class DecisionLetter:
    """Everything a decision letter prints, in the language `language` (de, fr, it or en)."""

    language: str
    sender: Party
    recipient: Party
    place: str
    date: date
    # The moment of the decision (aware, UTC): also the PDF's creation date, so the bytes are stable.
    decided_at: datetime
    reference: str
    title: str
    outcome: Outcome
    approver: str
    amount: Decimal | None = None
    conditions: str | None = None
    tranches: tuple[Tranche, ...] = ()
    reasons: str | None = None
