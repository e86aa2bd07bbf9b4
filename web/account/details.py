"""The visitor's own details (name and language) and, for applicants, inviting a colleague."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web import i18n
from web.forms import Problems, optional, text
from web.page import Page

DETAILS_FIELDS = ("name", "language")
COLLEAGUE_FIELDS = ("email", "name", "language")


def routes() -> list[BaseRoute]:
    """The area's pages."""
    return [
        Route("/account/details", details, methods=["GET", "POST"]),
        Route("/account/invite", invite_colleague, methods=["GET", "POST"]),
    ]


def language_options() -> list[tuple[str, str]]:
    """The portal's languages, each in itself, for a select."""
    return list(i18n.NATIVE_NAMES.items())


async def _own(page: Page) -> dict[str, Any] | None:
    """The visitor's account as the details form shows it, or None when nobody is signed in."""
    viewer: dict[str, Any] | None = (await page.run("AccountDetails")).data.get("viewer")
    return viewer


async def details(request: Request) -> Response:
    """Change one's own name and language (the portal's and the mails')."""
    page = Page(request)
    # The frame's viewer first: a visitor not signed in is sent on before any other operation runs.
    own = await _own(page) if await page.viewer() is not None else None
    if own is None:
        return page.redirect("/sign-in?next=/account/details")
    if request.method == "GET":
        values = {"name": own["displayName"], "language": own["language"]}
        return await page.render(
            "account/details.html", values=values, problems=Problems(), languages=language_options()
        )
    form = await page.form()
    values = {"name": text(form, "name"), "language": text(form, "language")}
    input = {"id": own["id"], "name": values["name"], "language": values["language"]}
    outcome = await page.run("UpdateOwnDetails", {"input": input})
    found = outcome.problems("updateUser")
    if not found:
        return page.redirect("/account?done=details")
    return await page.render(
        "account/details.html",
        status=400,
        values=values,
        problems=Problems.of(found, DETAILS_FIELDS),
        languages=language_options(),
    )


async def invite_colleague(request: Request) -> Response:
    """An applicant invites a colleague into its own organisation; other roles find no such page."""
    page = Page(request)
    viewer = await page.viewer()
    if viewer is None:
        return page.redirect("/sign-in?next=/account/invite")
    organisation = viewer.get("organisation")
    if viewer.get("role") != "APPLICANT" or not organisation:
        raise HTTPException(404)
    if request.method == "GET":
        values = {"language": page.language}
        return await page.render(
            "account/invite.html", values=values, problems=Problems(), languages=language_options()
        )
    form = await page.form()
    values = {name: text(form, name) for name in COLLEAGUE_FIELDS}
    input = {
        "email": values["email"],
        "role": "APPLICANT",
        "organisation": organisation["slug"],
        "name": optional(form, "name"),
        "language": optional(form, "language"),
    }
    outcome = await page.run("InviteColleague", {"input": input})
    found = outcome.problems("inviteUser")
    if not found:
        return page.redirect("/account?done=invited")
    return await page.render(
        "account/invite.html",
        status=400,
        values=values,
        problems=Problems.of(found, COLLEAGUE_FIELDS),
        languages=language_options(),
    )
