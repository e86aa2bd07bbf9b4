"""The public pages: start, funding calls, open data; and the list of every public route."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.page import Page
from web.public import directory, figures
from web.public.words import call_status


async def start(request: Request) -> Response:
    """The start page: what the programme is, the calls open now, and the ways in."""
    page = Page(request)
    data = (await page.run("StartPage")).data
    return await page.render(
        "public/start.html",
        current=data["currentProgramme"],
        open_calls=data["fundingCalls"] or [],
        viewer=await page.viewer(),
    )


async def calls(request: Request) -> Response:
    """Every funding call, open ones with what an applicant needs to know."""
    page = Page(request)
    found = (await page.run("CallsPage")).data["fundingCalls"] or []
    return await page.render(
        "public/calls.html",
        current=[c for c in found if c["status"] != "CLOSED"],
        closed=[c for c in found if c["status"] == "CLOSED"],
        call_status=call_status,
    )


async def call(request: Request) -> Response:
    """One funding call by its global ID; anything else is not found."""
    page = Page(request)
    node = (await page.run("CallPage", {"id": request.path_params["id"]})).data["node"]
    if not node or node.get("__typename") != "FundingCall":
        raise HTTPException(404)
    return await page.render("public/call.html", call=node, call_status=call_status)


async def open_data(request: Request) -> Response:
    """What the open data is and where to download it."""
    page = Page(request)
    return await page.render("public/open_data.html")


def routes() -> list[BaseRoute]:
    """The public pages."""
    return [
        Route("/", start, methods=["GET"]),
        Route("/directory", directory.directory, methods=["GET"]),
        Route("/directory/{slug}", directory.organisation, methods=["GET"]),
        Route("/directory/{slug}/logo.svg", directory.logo, methods=["GET"]),
        Route("/municipalities", figures.municipalities, methods=["GET"]),
        Route("/calls", calls, methods=["GET"]),
        Route("/calls/{id}", call, methods=["GET"]),
        Route("/figures", figures.figures, methods=["GET"]),
        Route("/open-data", open_data, methods=["GET"]),
    ]
