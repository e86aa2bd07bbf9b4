"""Two-factor sign-in on the portal: the code step of signing in, and the page to set it up or off.

Between the password and the code the e-mail address and password wait in a sealed cookie that
only /sign-in receives and that is void after five minutes (web/session.py): no state on the
server, and the password never reaches the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from web import session
from web.account.pages import local_path, signed_in_path
from web.forms import Problems, text
from web.page import Page

SETUP_PATH = "/account/two-factor"
CODE_FIELDS = ("code",)
CHECK_FIELDS = ("password", "code")


def _with_next(path: str, next_path: str) -> str:
    return f"{path}?next={quote(next_path)}" if next_path else path


async def sign_in_code(request: Request) -> Response:
    """The second step of signing in: the code from the app (or a recovery code)."""
    page = Page(request)
    next_path = local_path(request.query_params.get("next"), "")
    pending = session.pending_sign_in(request, page.portal.secret)
    if pending is None:
        return page.redirect(_with_next("/sign-in", next_path))
    if request.method == "GET":
        return await page.render("account/sign_in_code.html", problems=Problems(), next=next_path)
    form = await page.form()
    email, password = pending
    outcome = await page.run(
        "SignIn", {"input": {"email": email, "password": password, "code": text(form, "code")}}
    )
    payload = outcome.payload("login")
    if not payload["token"]:
        problems = Problems.of(outcome.problems("login"), CODE_FIELDS)
        return await page.render("account/sign_in_code.html", status=400, problems=problems, next=next_path)
    response = page.redirect(signed_in_path(payload, next_path))
    session.keep_session(response, payload["token"], secure=page.portal.secure)
    session.end_pending_sign_in(response, secure=page.portal.secure)
    return response


async def _status(page: Page) -> dict[str, Any] | None:
    viewer: dict[str, Any] | None = (await page.run("TwoFactorStatus")).data.get("viewer")
    return viewer


async def _render(page: Page, status: dict[str, Any], *, code: int = 200, **context: Any) -> Response:
    values: dict[str, Any] = {"setup": None, "codes": None, "problems": Problems(), "notice": ""}
    values.update(context)
    return await page.render("account/two_factor.html", status=code, state=status, **values)


async def two_factor_page(request: Request) -> Response:
    """Whether two-factor sign-in is on, and the forms to set it up, renew the codes or turn it off."""
    page = Page(request)
    status = await _status(page)
    if status is None:
        return page.redirect(_with_next("/sign-in", SETUP_PATH))
    return await _render(page, status, notice=request.query_params.get("done", ""))


async def begin_setup(request: Request) -> Response:
    """A new secret: its QR code and key, and the field for the app's first code."""
    page = Page(request)
    await page.form()
    status = await _status(page)
    if status is None:
        return page.redirect(_with_next("/sign-in", SETUP_PATH))
    payload = (await page.run("BeginTwoFactorSetup")).payload("beginTwoFactorSetup")
    if payload["errors"]:
        return page.redirect(SETUP_PATH)
    return await _render(page, status, setup=payload)


async def confirm(request: Request) -> Response:
    """Turn it on with the app's first code; the recovery codes are shown once, on this answer."""
    page = Page(request)
    form = await page.form()
    status = await _status(page)
    if status is None:
        return page.redirect(_with_next("/sign-in", SETUP_PATH))
    outcome = await page.run("ConfirmTwoFactor", {"input": {"code": text(form, "code")}})
    payload = outcome.payload("confirmTwoFactor")
    if payload["errors"]:
        # The key only to show again (the QR code is not kept): the server holds the secret itself.
        setup = {"secret": text(form, "secret"), "qrCodeSvg": None}
        problems = Problems.of(outcome.problems("confirmTwoFactor"), CODE_FIELDS)
        return await _render(page, status, code=400, setup=setup, problems=problems)
    return await _render(page, await _status(page) or status, codes=payload["recoveryCodes"], notice="on")


async def manage(request: Request) -> Response:
    """Renew the recovery codes or turn two-factor sign-in off, with the password and a code."""
    page = Page(request)
    form = await page.form()
    status = await _status(page)
    if status is None:
        return page.redirect(_with_next("/sign-in", SETUP_PATH))
    renew = form.get("action") == "regenerate"
    password = form.get("password")
    variables = {
        "input": {"password": password if isinstance(password, str) else "", "code": text(form, "code")}
    }
    field = "regenerateRecoveryCodes" if renew else "disableTwoFactor"
    outcome = await page.run("RegenerateRecoveryCodes" if renew else "DisableTwoFactor", variables)
    payload = outcome.payload(field)
    if payload["errors"]:
        problems = Problems.of(outcome.problems(field), CHECK_FIELDS)
        return await _render(page, status, code=400, problems=problems)
    if renew:
        return await _render(page, status, codes=payload["recoveryCodes"], notice="renewed")
    return page.redirect(SETUP_PATH + "?done=off")
