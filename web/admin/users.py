"""The admin pages for accounts: the list with filters, inviting, and one account's role and state.

A pending invitation is sent again by inviting the account again (the API replaces the old link).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web.admin import user_forms as forms
from web.admin.access import admin_page
from web.execute import FieldProblem
from web.forms import Problems, ShownProblem, text
from web.i18n import NATIVE_NAMES, gettext
from web.labels import N_, ROLES
from web.page import Page

PAGE_SIZE = 50
#: At most this many pages of organisations fill the invitation's select (100 each).
CHOICE_PAGES = 5
#: Global IDs are short; a longer path segment is no account of ours.
ID_MAX_LENGTH = 100
DONE = {
    "invited": N_("The invitation was sent. The link in it is valid for 7 days."),
    "role": N_("The role was changed."),
    "deactivated": N_("The account was deactivated and every session of it was signed out."),
    "reactivated": N_("The account was reactivated."),
    "reinvited": N_("The invitation was sent again. The earlier link no longer works."),
}


def routes() -> list[BaseRoute]:
    """The users pages."""
    return [
        Route("/admin/users", users, methods=["GET"]),
        Route("/admin/users/invite", invite, methods=["GET", "POST"]),
        Route("/admin/users/{id}", user_page, methods=["GET"]),
        Route("/admin/users/{id}/role", change_role, methods=["POST"]),
        Route("/admin/users/{id}/active", change_active, methods=["POST"]),
        Route("/admin/users/{id}/invitation", reinvite, methods=["POST"]),
    ]


def role_options() -> list[tuple[str, str]]:
    """The roles as a select offers them, in the page's language."""
    return [(role, gettext(label)) for role, label in ROLES.items()]


def _done(request: Request) -> str:
    done = DONE.get(request.query_params.get("done", ""))
    return gettext(done) if done else ""


async def organisation_options(page: Page) -> list[tuple[str, str]]:
    """Every organisation of the directory as (slug, name), read page by page."""
    options: list[tuple[str, str]] = []
    after = None
    for _ in range(CHOICE_PAGES):
        found = (await page.run("AdminOrganisationChoices", {"after": after})).data["organisations"]
        options += [(edge["node"]["slug"], edge["node"]["name"]) for edge in found["edges"]]
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    return sorted(options, key=lambda option: option[1].casefold())


async def users(request: Request) -> Response:
    """Every account, filtered by role, organisation, state and words in name or address, paged."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    filter, shown = forms.user_filter(request.query_params)
    variables = {"filter": filter, "first": PAGE_SIZE, "after": request.query_params.get("after") or None}
    found = (await page.run("AdminUsers", variables)).data.get("users")
    # The API answers null for a list it refuses (a cursor not of this list): an empty page, 400.
    refused = found is None
    return await page.render(
        "admin/users.html",
        status=400 if refused else 200,
        refused=refused,
        users=found or {"totalCount": 0, "edges": [], "pageInfo": None},
        shown=shown,
        roles=role_options(),
        organisations=await organisation_options(page),
        problems=Problems(),
        done=_done(request),
    )


async def _invite_form(page: Page, values: dict[str, str], problems: Problems, status: int = 200) -> Response:
    return await page.render(
        "admin/invite_user.html",
        status=status,
        values=values,
        problems=problems,
        roles=role_options(),
        organisations=await organisation_options(page),
        languages=list(NATIVE_NAMES.items()),
    )


async def invite(request: Request) -> Response:
    """Invite anyone: e-mail, role, the organisation of an applicant, name and language."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    if request.method == "GET":
        return await _invite_form(page, {"role": "APPLICANT", "language": "de"}, Problems())
    form = await page.form()
    values = {name: text(form, name) for name in forms.INVITE_FIELDS}
    if values["role"] not in ROLES:
        values["role"] = "APPLICANT"
    outcome = await page.run("AdminInviteUser", {"input": forms.invite_input(values)})
    found = outcome.problems("inviteUser")
    if not found:
        return page.redirect("/admin/users?done=invited")
    return await _invite_form(page, values, Problems.of(found, forms.INVITE_FIELDS), status=400)


async def _user(page: Page, id: str) -> dict[str, Any]:
    if len(id) > ID_MAX_LENGTH:
        raise HTTPException(404)
    user: dict[str, Any] | None = (await page.run("AdminUser", {"id": id})).data.get("node")
    if not user or "email" not in user:
        raise HTTPException(404)
    return user


async def _user_form(
    page: Page, user: dict[str, Any], *, problems: Problems | None = None, done: str = ""
) -> Response:
    return await page.render(
        "admin/user.html",
        status=400 if problems else 200,
        user=user,
        roles=role_options(),
        problems=problems or Problems(),
        done=done,
    )


async def user_page(request: Request) -> Response:
    """One account: who, role, organisation, state; change the role, (de)activate, invite again."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    user = await _user(page, request.path_params["id"])
    return await _user_form(page, user, done=_done(request))


def _refused(scope: str, found: list[FieldProblem]) -> Problems:
    """A refusal of one of the page's small forms, linked to that form."""
    return Problems(tuple(ShownProblem(scope, problem.message) for problem in found))


def _back(user: dict[str, Any], done: str) -> str:
    return f"/admin/users/{quote(user['id'], safe='')}?done={done}"


async def change_role(request: Request) -> Response:
    """Give the account another role (the API refuses what the rules forbid)."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    form = await page.form()
    user = await _user(page, request.path_params["id"])
    role = text(form, "role")
    if role not in ROLES:
        raise HTTPException(400)
    outcome = await page.run("AdminUpdateUser", {"input": {"id": user["id"], "role": role}})
    found = outcome.problems("updateUser")
    if found:
        return await _user_form(page, user, problems=_refused("role", found))
    return page.redirect(_back(user, "role"))


async def change_active(request: Request) -> Response:
    """Deactivate the account (ending every session of it) or reactivate it."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    form = await page.form()
    user = await _user(page, request.path_params["id"])
    active = form.get("active") == "true"
    outcome = await page.run("AdminUpdateUser", {"input": {"id": user["id"], "active": active}})
    found = outcome.problems("updateUser")
    if found:
        return await _user_form(page, user, problems=_refused("active", found))
    return page.redirect(_back(user, "reactivated" if active else "deactivated"))


async def reinvite(request: Request) -> Response:
    """Send the invitation again: a new link replaces the old one."""
    page = await admin_page(request)
    if isinstance(page, Response):
        return page
    await page.form()
    user = await _user(page, request.path_params["id"])
    outcome = await page.run("AdminInviteUser", {"input": forms.reinvite_input(user)})
    found = outcome.problems("inviteUser")
    if found:
        return await _user_form(page, user, problems=_refused("invitation", found))
    return page.redirect(_back(user, "reinvited"))
