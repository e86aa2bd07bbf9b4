"""Reading an application for a page, and the form data shapes the section pages share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import Response

from web.page import Page


async def sign_in_first(page: Page) -> Response | None:
    """The sign-in page (coming back here after) for a visitor not signed in; None for one who is."""
    if await page.viewer() is not None:
        return None
    return page.redirect("/sign-in?next=" + quote(page.request.url.path))


async def application(page: Page, operation: str, reference: str, **variables: Any) -> dict[str, Any]:
    """The application as `operation` reads it, or the 404 page (none, or not the visitor's to see)."""
    if len(reference) > 40:
        raise HTTPException(404)
    data = (await page.run(operation, {"reference": reference, **variables})).data
    found: dict[str, Any] | None = data.get("application")
    if found is None:
        raise HTTPException(404)
    return found


def single_values(form: FormData) -> dict[str, str]:
    """The posted text fields, one value each (the last), for the pure mapping functions."""
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


def texts(form: FormData, name: str) -> list[str]:
    """Every posted value of a repeated field (checkboxes), stripped, empty ones left out."""
    return [value.strip() for value in form.getlist(name) if isinstance(value, str) and value.strip()]


def version_of(form: Mapping[str, str]) -> int:
    """The version the form was built from (0 if tampered with: the API then answers CONFLICT)."""
    text = form.get("version", "")
    return int(text) if text.isdigit() and len(text) < 10 else 0
