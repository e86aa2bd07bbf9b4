"""Indicator values (report actuals, application targets): known codes, each at most once, counts ≥ 0."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from grants.codes import normalise_code
from grants.errors import ErrorCode, Problem
from grants.models import Indicator

#: The largest count one indicator value may hold (far above any project's reach).
MAX_VALUE = 10_000_000


def indicator_problems(
    pairs: Sequence[tuple[str, int]], known: Iterable[str], field: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The clean values of (code, count) pairs, and every problem with them under `field`.

    The same indicator twice would be summed into the programme's figures, so it is refused.
    """
    codes = set(known)
    values: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, (raw_code, value) in enumerate(pairs):
        where = (field, str(index))
        code = normalise_code(raw_code)
        if code not in codes:
            problems.append(
                Problem(
                    ErrorCode.NOT_FOUND, "No indicator {raw_code!r}", (*where, "indicator"), raw_code=raw_code
                )
            )
        elif code in seen:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "The indicator {code} is given twice",
                    (*where, "indicator"),
                    code=code,
                )
            )
        seen.add(code)
        if not 0 <= value <= MAX_VALUE:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    "A count from 0 to {max_value:,}",
                    (*where, "value"),
                    max_value=MAX_VALUE,
                )
            )
        values.append({"indicator": code, "value": value})
    return values, problems


async def indicator_values(
    pairs: Sequence[tuple[str, int]], field: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """indicator_problems against the indicators the database knows."""
    known = await Indicator.all().values_list("code", flat=True)
    return indicator_problems(pairs, [str(code) for code in known], field)
