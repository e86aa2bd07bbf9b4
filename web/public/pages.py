"""The public pages."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.page import Page


async def start(request: Request) -> Response:
    """The start page: what the programme is, and the ways in."""
    page = Page(request)
    return await page.render("public/start.html")


def routes() -> list[BaseRoute]:
    """The public pages."""
    return [Route("/", start, methods=["GET"])]
