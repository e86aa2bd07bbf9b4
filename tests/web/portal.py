"""A browser-like client for the portal over HTTP: keeps cookies, reads forms' CSRF tokens, signs in."""

from __future__ import annotations

import re
from typing import Any

import httpx

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF_INPUT.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


async def post_form(
    http: httpx.AsyncClient, path: str, fields: dict[str, Any], *, form_page: str | None = None
) -> httpx.Response:
    """Open the page holding the form (default: `path`), then post `fields` with its CSRF token."""
    page = await http.get(form_page or path)
    return await http.post(path, data={"csrf_token": csrf_of(page.text), **fields})


async def sign_in(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    """Sign in through the form; the session cookie stays in the client."""
    return await post_form(http, "/sign-in", {"email": email, "password": password})
