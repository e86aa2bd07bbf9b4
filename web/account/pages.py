"""Sign in, sign out, and choosing the language."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from web import i18n, session
from web.forms import Problems, text
from web.labels import N_
from web.page import Page

SIGN_IN_FIELDS = ("email", "password")


def local_path(target: str | None, fallback: str = "/") -> str:
    """`target` if it is a path on this site, else `fallback` (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def home_of(role: str | None) -> str:
    """Where a role starts after signing in."""
    if role == "APPLICANT":
        return "/applications"
    if role in ("REVIEWER", "APPROVER", "ADMIN"):
        return "/staff/applications"
    return "/"


def signed_in_path(payload: dict[str, Any], next_path: str) -> str:
    """Where a sign-in leads: to the two-factor setup if the role requires it first, else on."""
    viewer = payload.get("viewer") or {}
    if viewer.get("twoFactorSetupRequired"):
        return "/account/two-factor"
    return next_path or home_of(viewer.get("role"))


async def sign_in(request: Request) -> Response:
    """The sign-in form; on success the token goes into the session cookie."""
    page = Page(request)
    next_path = local_path(request.query_params.get("next"), "")
    if request.method == "GET":
        return await page.render("account/sign_in.html", values={}, problems=Problems(), next=next_path)
    form = await page.form()
    values = {"email": text(form, "email")}
    posted = form.get("password")
    password = posted if isinstance(posted, str) else ""
    outcome = await page.run("SignIn", {"input": {"email": values["email"], "password": password}})
    payload = outcome.payload("login")
    if any(problem.code == "TWO_FACTOR_REQUIRED" for problem in outcome.problems("login")):
        # The password was right: the code comes next, on its own page (web/account/two_factor.py).
        response = page.redirect("/sign-in/code" + (f"?next={quote(next_path)}" if next_path else ""))
        session.keep_pending_sign_in(
            response, values["email"], password, secret=page.portal.secret, secure=page.portal.secure
        )
        return response
    if not payload["token"]:
        problems = Problems.of(outcome.problems("login"), SIGN_IN_FIELDS)
        return await page.render(
            "account/sign_in.html", status=400, values=values, problems=problems, next=next_path
        )
    response = page.redirect(signed_in_path(payload, next_path))
    session.keep_session(response, payload["token"], secure=page.portal.secure)
    return response


async def _end_sessions(request: Request, operation: str) -> Response:
    """Run `operation` (which revokes tokens) if signed in, forget the token here, go to the start."""
    page = Page(request)
    await page.form()
    if page.token:
        await page.run(operation)
    response = page.redirect("/")
    session.end_session(response, secure=page.portal.secure)
    return response


async def sign_out(request: Request) -> Response:
    """Revoke the session's token and forget it."""
    return await _end_sessions(request, "SignOut")


async def choose_language(request: Request) -> Response:
    """Remember a language in a cookie and go back to the page the visitor was on."""
    language = request.path_params["language"]
    page = Page(request)
    response = page.redirect(local_path(request.query_params.get("next")))
    if language in i18n.LANGUAGES:
        response.set_cookie(
            i18n.COOKIE,
            language,
            max_age=365 * 24 * 3600,
            path="/",
            samesite="lax",
            secure=page.portal.secure,
        )
    return response


PASSWORD_FIELDS = ("currentPassword", "newPassword")
#: What each `?done=` of the account page says after a form elsewhere succeeded.
DONE = {
    "reset": N_("Your new password is set. Every other session of your account was signed out."),
    "welcome": N_("Welcome: your account is ready and you are signed in."),
    "details": N_("Your changes were saved."),
    "invited": N_("The invitation was sent. The link in it is valid for 7 days."),
}


async def account_page(request: Request) -> Response:
    """The visitor's account: change the password, sign out everywhere."""
    page = Page(request)
    if await page.viewer() is None:
        return page.redirect("/sign-in?next=/account")
    changed = request.query_params.get("changed") == "1"
    done = DONE.get(request.query_params.get("done", ""))
    return await page.render(
        "account/account.html", problems=Problems(), changed=changed, done=i18n.gettext(done) if done else ""
    )


async def change_password(request: Request) -> Response:
    """Change the password; the API revokes every token, so the new one it returns is kept."""
    page = Page(request)
    form = await page.form()
    if await page.viewer() is None:
        return page.redirect("/sign-in?next=/account")
    secrets = {name: form.get(name) for name in PASSWORD_FIELDS}
    inputs = {name: value if isinstance(value, str) else "" for name, value in secrets.items()}
    outcome = await page.run("ChangePassword", {"input": inputs})
    payload = outcome.payload("changePassword")
    if not payload["token"]:
        problems = Problems.of(outcome.problems("changePassword"), PASSWORD_FIELDS)
        return await page.render(
            "account/account.html", status=400, problems=problems, changed=False, done=""
        )
    response = page.redirect("/account?changed=1")
    session.keep_session(response, payload["token"], secure=page.portal.secure)
    return response


async def sign_out_everywhere(request: Request) -> Response:
    """Revoke every session of the account, this one included, and forget the token here."""
    return await _end_sessions(request, "SignOutEverywhere")
