"""The municipal view: projects and money per municipality, sortable, adding up."""

from __future__ import annotations

from decimal import Decimal

from grants.reach import shares
from tests.schema.graphql import ok, run

REACH = """
query ($programme: String, $order: ReachOrder!) {
  municipalReach(programme: $programme, orderBy: $order) {
    cantonalForeignShare
    municipalities { municipality { slug } projectCount awarded { amount } perInhabitant { amount } population foreignNationalShare aboveCantonalShare }
  }
}
"""
TOTAL = '{ programme(code: "KIP1") { report { awarded { amount } } } }'


def test_shares_split_exactly():
    assert shares(Decimal("100.00"), 3) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert sum(shares(Decimal("0.05"), 2)) == Decimal("0.05")


async def test_kip1_reach_ranks_municipalities_and_adds_up(history_db):
    by_projects = (await ok(REACH, {"programme": "KIP1", "order": "PROJECTS"}))["municipalReach"]
    rows = by_projects["municipalities"]
    assert len(rows) == 86
    assert by_projects["cantonalForeignShare"] == 0.2254  # 64,681.9 foreigners in 287,023 inhabitants (2017)
    # every illustrative KIP 1 measure took place in Liestal (the cantonal capital)
    assert (rows[0]["municipality"]["slug"], rows[0]["projectCount"]) == ("liestal", 160)
    total = (await ok(TOTAL))["programme"]["report"]["awarded"]["amount"]
    assert sum(Decimal(row["awarded"]["amount"]) for row in rows) == Decimal(total)
    liestal = rows[0]
    assert Decimal(liestal["perInhabitant"]["amount"]) == (Decimal(total) / liestal["population"]).quantize(
        Decimal("0.01")
    )
    by_share = (await ok(REACH, {"order": "FOREIGN_SHARE"}))["municipalReach"]["municipalities"]
    shares_in_order = [row["foreignNationalShare"] for row in by_share]
    assert shares_in_order == sorted(shares_in_order, reverse=True)
    assert by_share[0]["aboveCantonalShare"] is True
    assert by_share[-1]["aboveCantonalShare"] is False
    data, errors = await run(REACH, {"programme": "KIP9", "order": "PROJECTS"})
    assert data == {"municipalReach": None}
    assert [e["message"] for e in errors] == ["No programme 'KIP9'"]
