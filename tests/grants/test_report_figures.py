"""The programme figures always add up: years to the phase, areas to the total (property-based)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from grants.models import FundingArea, Indicator, Pillar
from grants.reports import Measure, figures

AREAS = [
    FundingArea(id=i, code=f"A{i}", name={"de": f"A{i}"}, pillar=Pillar.EDUCATION_AND_WORK, position=i)
    for i in (1, 2, 3)
]
INDICATORS = [Indicator(id=i, code=code, name={"de": code}, position=i) for i, code in enumerate(("P", "Q"))]

measures = st.lists(
    st.builds(
        Measure,
        year=st.integers(2014, 2017),
        funding_area_id=st.sampled_from([1, 2, 3]),
        awarded=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200000"), places=2),
        actuals=st.lists(st.tuples(st.sampled_from(["P", "Q"]), st.integers(0, 5000)), max_size=3),
    ),
    max_size=60,
)


@given(measures)
def test_the_years_add_up_to_the_phase(all_measures):
    phase = figures(all_measures, AREAS, INDICATORS)
    years = [
        figures([m for m in all_measures if m.year == year], AREAS, INDICATORS) for year in range(2014, 2018)
    ]
    assert phase[0] == sum(y[0] for y in years)
    assert phase[1] == sum((y[1] for y in years), Decimal(0))
    for position in range(len(INDICATORS)):
        assert phase[3][position][1] == sum(y[3][position][1] for y in years)


@given(measures)
def test_the_areas_add_up_to_the_total_and_every_area_is_listed(all_measures):
    count, money, rows, _ = figures(all_measures, AREAS, INDICATORS)
    assert [area.code for area, _, _ in rows] == ["A1", "A2", "A3"]
    assert count == sum(n for _, n, _ in rows) == len(all_measures)
    assert (
        money
        == sum((amount for _, _, amount in rows), Decimal(0))
        == sum((m.awarded for m in all_measures), Decimal(0))
    )
