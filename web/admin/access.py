"""Who may see the admin pages: administrators; anonymous visitors are sent to sign in, others get 404."""

from __future__ import annotations

from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from web.page import Page


async def admin_page(request: Request) -> Page | Response:
    """The page if an administrator is signed in; else a redirect to sign in, or 404 for anyone else.

    404 rather than 403: the pages do not tell other roles that they exist.
    """
    page = Page(request)
    viewer = await page.viewer()
    if viewer is None:
        return page.redirect("/sign-in?next=" + quote(request.url.path, safe="/"))
    if viewer.get("role") != "ADMIN":
        raise HTTPException(404)
    return page
