"""The KIP 1 report agrees with what the canton published, as a reader would take each statement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from grants.models import Award, FundingCall
from tests.schema.graphql import ok

REPORT = """
query ($year: Int) {
  programme(code: "KIP1") {
    report(year: $year) {
      measureCount awarded { amount }
      byFundingArea { fundingArea { code } measureCount awarded { amount } }
      indicators { indicator { code } total }
    }
  }
}
"""


async def report(year: int | None = None) -> dict[str, Any]:
    figures: dict[str, Any] = (await ok(REPORT, {"year": year}))["programme"]["report"]
    return figures


async def test_kip1_as_published(history_db):
    phase = await report()
    totals = {row["indicator"]["code"]: row["total"] for row in phase["indicators"]}
    # "about 160 integration measures and projects in four years"
    assert 150 <= phase["measureCount"] <= 170
    # "about 40 a year"
    years = [await report(year) for year in (2014, 2015, 2016, 2017)]
    assert all(35 <= year["measureCount"] <= 45 for year in years)
    # "just under 5,000 newly arrived migrants welcomed in first-information talks"
    assert 4900 <= totals["FIRST_INFORMATION_TALKS"] < 5000
    # "over 7,100 multilingual counselling sessions at the ald"
    assert 7100 < totals["COUNSELLING_SESSIONS"] < 7200
    # "over 4,200 subsidised German courses"
    assert 4200 < totals["LANGUAGE_COURSE_PLACES"] < 4300
    # "almost 1,500 foreign-language children with early language support"
    assert 1450 <= totals["EARLY_SUPPORT_CHILDREN"] < 1500


async def test_the_kip1_figures_add_up(history_db):
    phase = await report()
    years = [await report(year) for year in (2014, 2015, 2016, 2017)]
    assert sum(year["measureCount"] for year in years) == phase["measureCount"]
    assert sum(Decimal(year["awarded"]["amount"]) for year in years) == Decimal(phase["awarded"]["amount"])
    for position, row in enumerate(phase["indicators"]):
        assert sum(year["indicators"][position]["total"] for year in years) == row["total"]
    assert sum(row["measureCount"] for row in phase["byFundingArea"]) == phase["measureCount"]
    assert sum(Decimal(row["awarded"]["amount"]) for row in phase["byFundingArea"]) == Decimal(
        phase["awarded"]["amount"]
    )
    for call in await FundingCall.filter(programme__code="KIP1"):
        awards = await Award.filter(application__call_id=call.id)
        assert call.committed == sum((award.amount for award in awards), Decimal("0.00"))
