"""The programme's figures as bar charts with tables, and the municipalities' reach."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_percent
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web import i18n
from web.forms import Problems
from web.i18n import gettext
from web.page import Page
from web.public import charts
from web.public.words import REACH_ORDERS

#: The longest phase has four years; FiguresReport asks for that many.
YEARS = 4


def year_variables(code: str, start: int, end: int) -> dict[str, Any]:
    """FiguresReport's variables: the phase's years, the last repeated where a phase is shorter."""
    years = list(range(start, end + 1))[:YEARS]
    years += [years[-1]] * (YEARS - len(years))
    return {"code": code, **{f"y{index + 1}": year for index, year in enumerate(years)}}


def yearly(programme: dict[str, Any]) -> list[dict[str, Any]]:
    """The phase's reports for each of its years once, in order."""
    reports: dict[int, dict[str, Any]] = {}
    for index in range(YEARS):
        report = programme[f"y{index + 1}"]
        reports.setdefault(report["year"], report)
    return [reports[year] for year in sorted(reports)]


async def figures(request: Request) -> Response:
    """A phase's measures and awards per year and per funding area, as charts and tables."""
    page = Page(request)
    programmes = (await page.run("FiguresProgrammes")).data["programmes"]
    wanted = request.query_params.get("programme") or (programmes[-1]["code"] if programmes else "")
    chosen = next((p for p in programmes if p["code"] == wanted), None)
    if chosen is None:
        raise HTTPException(404)
    variables = year_variables(chosen["code"], chosen["startYear"], chosen["endYear"])
    programme = (await page.run("FiguresReport", variables)).data["programme"]
    years = yearly(programme)
    areas = programme["whole"]["byFundingArea"]
    return await page.render(
        "public/figures.html",
        programmes=programmes,
        programme=programme,
        years=years,
        areas=areas,
        by_year=charts.bars([(str(r["year"]), Decimal(r["awarded"]["amount"])) for r in years]),
        by_area=charts.bars([(a["fundingArea"]["name"], Decimal(a["awarded"]["amount"])) for a in areas]),
        chart_width=charts.WIDTH,
        chart_height=charts.chart_height,
    )


def percent(share: float | None) -> str:
    """A share 0..1 as a percentage in the page's language; '' if not known."""
    return (
        ""
        if share is None
        else format_percent(share, format="#,##0.0 %", locale=i18n.LOCALES[i18n.current_language.get()])
    )


async def municipalities(request: Request) -> Response:
    """The municipalities with population, foreign share and the projects funded there."""
    page = Page(request)
    order = request.query_params.get("order") or "MONEY_PER_INHABITANT"
    if order not in REACH_ORDERS:
        order = "MONEY_PER_INHABITANT"
    programme = request.query_params.get("programme") or None
    data = (await page.run("MunicipalitiesPage", {"programme": programme, "orderBy": order})).data
    if data["municipalReach"] is None:
        raise HTTPException(404)
    return await page.render(
        "public/municipalities.html",
        reach=data["municipalReach"],
        phases=[(phase["code"], phase["name"]) for phase in data["programmes"]],
        percent=percent,
        programme=programme or "",
        order=order,
        problems=Problems(),
        orders=[(key, gettext(label)) for key, label in REACH_ORDERS.items()],
    )
