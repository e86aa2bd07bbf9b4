"""The pages reached without signing in: forgot password, reset it from a link, accept an invitation.

The reset and invitation links carry their one-time token in the path. The pages never write it
into a link (not even the language switch's way back on any page of such a path, error pages too:
`holds_secret`), a form's action is the same path, and every answer says `Referrer-Policy: no-referrer`
(server/security.py), so the token does not travel on to another site.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from web import session
from web.account.passwords import password_problems, posted_secret
from web.forms import Problems, text
from web.page import Page

FORGOT_FIELDS = ("email",)
RESET_FIELDS = ("newPassword", "newPasswordAgain", "code")
INVITATION_FIELDS = ("name", "password", "passwordAgain")
#: `secrets.token_urlsafe(32)` is 43 characters; anything far longer is no token of ours.
TOKEN_MAX_LENGTH = 200
#: The paths whose last part is a one-time token.
SECRET_PATHS = ("/account/reset/", "/account/invitation/")


def routes() -> list[BaseRoute]:
    """The area's pages."""
    return [
        Route("/account/forgot-password", forgot_password, methods=["GET", "POST"]),
        Route("/account/forgot-password/sent", reset_requested, methods=["GET"]),
        Route("/account/reset/{token}", reset_password, methods=["GET", "POST"]),
        Route("/account/invitation/{token}", accept_invitation, methods=["GET", "POST"]),
    ]


def holds_secret(path: str) -> bool:
    """Whether a page's path holds a token, which its links must not carry on."""
    return path.startswith(SECRET_PATHS)


def link_token(request: Request) -> str:
    """The token of the link in the path, or the 404 page for a path that cannot hold one."""
    token: str = request.path_params["token"]
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise HTTPException(404)
    return token


async def forgot_password(request: Request) -> Response:
    """Ask for a reset link by e-mail address; the next page is the same whether or not it exists."""
    page = Page(request)
    if request.method == "GET":
        return await page.render("account/forgot_password.html", values={}, problems=Problems())
    values = {"email": text(await page.form(), "email")}
    outcome = await page.run("RequestPasswordReset", {"input": {"email": values["email"]}})
    # Only a malformed address or throttling is refused: neither tells whether the account exists.
    found = outcome.problems("requestPasswordReset")
    if not found:
        return page.redirect("/account/forgot-password/sent")
    problems = Problems.of(found, FORGOT_FIELDS)
    return await page.render("account/forgot_password.html", status=400, values=values, problems=problems)


async def reset_requested(request: Request) -> Response:
    """The one confirmation every request for a reset link gets."""
    return await Page(request).render("account/reset_requested.html")


def signed_in(page: Page, token: str, target: str) -> Response:
    """Go to `target` with the session the API just opened."""
    response = page.redirect(target)
    session.keep_session(response, token, secure=page.portal.secure)
    return response


async def reset_password(request: Request) -> Response:
    """A new password, typed twice, from a reset link: the account's sessions end and this one begins."""
    token = link_token(request)
    page = Page(request)
    if request.method == "GET":
        return await page.render("account/reset_password.html", problems=Problems())
    form = await page.form()
    password = posted_secret(form, "newPassword")
    found = password_problems(password, posted_secret(form, "newPasswordAgain"), field="newPassword")
    if not found:
        # Accounts with two-factor sign-in need their code too: the link alone is only the mailbox.
        code = text(form, "code") or None
        input = {"token": token, "newPassword": password, "code": code}
        outcome = await page.run("ResetPassword", {"input": input})
        payload = outcome.payload("resetPassword")
        if payload["token"]:
            return signed_in(page, payload["token"], "/account?done=reset")
        found = outcome.problems("resetPassword")
    problems = Problems.of(found, RESET_FIELDS)
    return await page.render("account/reset_password.html", status=400, problems=problems)


async def accept_invitation(request: Request) -> Response:
    """Name and password, typed twice, from an invitation link; then signed in."""
    token = link_token(request)
    page = Page(request)
    if request.method == "GET":
        return await page.render("account/invitation.html", values={}, problems=Problems())
    form = await page.form()
    values = {"name": text(form, "name")}
    password = posted_secret(form, "password")
    found = password_problems(password, posted_secret(form, "passwordAgain"), field="password")
    if not found:
        input = {"token": token, "password": password, "name": values["name"] or None}
        outcome = await page.run("AcceptInvitation", {"input": input})
        payload = outcome.payload("acceptInvitation")
        if payload["token"]:
            return signed_in(page, payload["token"], "/account?done=welcome")
        found = outcome.problems("acceptInvitation")
    problems = Problems.of(found, INVITATION_FIELDS)
    return await page.render("account/invitation.html", status=400, values=values, problems=problems)
