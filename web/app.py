"""The portal's routes and their mounting (server/app.py mounts it at `/`); nothing else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.schema.base import BaseSchema

from schema.base.uploads import UploadLimits
from web import forms, i18n, labels, session
from web.account import bank_account, two_factor
from web.account import details as account_details
from web.account import organisation as own_organisation
from web.account import pages as account
from web.account import recovery as account_recovery
from web.admin import pages as admin
from web.applications import pages as applications
from web.execute import ContextFactory, Executor, OperationFailed
from web.forgery import ForgeryGuard
from web.page import TWO_FACTOR_PAGE, Page, Portal, SetUpTwoFactorFirst
from web.public import pages as public
from web.staff import pages as staff
from web.staff import payments as staff_payments
from web.uploads import UploadPaths

WEB_DIR = Path(__file__).resolve().parent
#: Starlette's exception handler signature (the server's JSON refusal is one).
ExceptionHandler = Callable[[Request, Exception], Awaitable[Response]]
#: Everything from this origin, nothing inline: no inline script or style, no plugins, no framing.
PORTAL_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def routes() -> list[BaseRoute]:
    """Every page of the portal."""
    return [
        *public.routes(),
        *applications.routes(),
        *staff.routes(),
        *staff_payments.routes(),
        *admin.routes(),
        *own_organisation.routes(),
        *bank_account.routes(),
        Route("/sign-in", account.sign_in, methods=["GET", "POST"]),
        Route("/sign-out", account.sign_out, methods=["POST"]),
        Route("/account", account.account_page, methods=["GET"]),
        Route("/account/password", account.change_password, methods=["POST"]),
        Route("/account/sign-out-everywhere", account.sign_out_everywhere, methods=["POST"]),
        Route("/language/{language}", account.choose_language, methods=["GET"]),
        *account_recovery.routes(),
        *account_details.routes(),
        Route("/sign-in/code", two_factor.sign_in_code, methods=["GET", "POST"]),
        Route("/account/two-factor", two_factor.two_factor_page, methods=["GET"]),
        Route("/account/two-factor/setup", two_factor.begin_setup, methods=["POST"]),
        Route("/account/two-factor/confirm", two_factor.confirm, methods=["POST"]),
        Route("/account/two-factor/manage", two_factor.manage, methods=["POST"]),
        Mount("/assets", app=StaticFiles(directory=WEB_DIR / "static"), name="assets"),
    ]


def upload_paths() -> UploadPaths:
    """Which paths are the portal's upload routes (the server's request guard streams their bodies)."""
    return UploadPaths(routes())


def templates() -> Jinja2Templates:
    """Jinja2 with autoescaping everywhere, gettext in the page's language, and the portal's helpers."""
    environment = Environment(
        loader=FileSystemLoader(WEB_DIR / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    environment.globals.update(
        field_id=forms.field_id,
        csrf_token=session.form_token,
        status_label=labels.status_label,
        role_label=labels.role_label,
        document_kind_label=labels.document_kind_label,
        file_size=i18n.file_size,
        url_path=i18n.url_path,
        local_text=i18n.local_text,
        languages=list(i18n.NATIVE_NAMES.items()),
        holds_secret=account_recovery.holds_secret,
    )
    environment.filters.update(
        money=i18n.money,
        number=i18n.number,
        day=i18n.day,
        moment=i18n.moment,
        event_message=i18n.event_message,
        iban=i18n.iban,
    )
    return Jinja2Templates(env=environment)


ERROR_TITLES = {
    400: labels.N_("The request could not be handled"),
    403: labels.N_("This form has expired"),
    404: labels.N_("Page not found"),
    405: labels.N_("Page not found"),
    500: labels.N_("Sorry, there is a problem with the service"),
}
ERROR_MESSAGES = {
    400: labels.N_(
        "The service cannot answer this request: it asks for too much at once, or its search or filters "
        "hold something that cannot be searched for. Change them and try again. Nothing was changed."
    ),
    403: labels.N_("Go back, reload the page and send the form again. Nothing was changed."),
    404: labels.N_(
        "If you typed the web address, check it is correct. If you followed a link, it may be out of date."
    ),
    405: labels.N_(
        "If you typed the web address, check it is correct. If you followed a link, it may be out of date."
    ),
    500: labels.N_("Try again later. Nothing was changed."),
}


async def error_page(request: Request, status: int) -> Response:
    """An error as a page in the visitor's language."""
    page = Page(request)
    return await page.render(
        "error.html",
        status=status,
        title=i18n.gettext(ERROR_TITLES[status]),
        message=i18n.gettext(ERROR_MESSAGES[status]),
    )


def wants_page(request: Request) -> bool:
    """True for a browser (it asks for HTML); API clients get the API's own error answers."""
    return "text/html" in request.headers.get("accept", "")


async def http_error(request: Request, error: Exception) -> Response:
    """A page's refusal (404 for an unknown object, 403 for an expired form, 405) as a page."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    return await error_page(request, status if status in ERROR_TITLES else 400)


async def set_up_two_factor_first(request: Request, error: Exception) -> Response:
    """Production staff without two-factor sign-in go to its setup from every signed-in area."""
    return RedirectResponse(TWO_FACTOR_PAGE, status_code=303)


async def operation_failed(request: Request, error: Exception) -> Response:
    """An operation refused as a whole (a limit) is the visitor's 400; anything else is ours."""
    client_mistake = isinstance(error, OperationFailed) and "INTERNAL" not in error.codes
    return await error_page(request, 400 if client_mistake else 500)


class PortalHeaders:
    """The portal's strict content security policy on its pages (the server's API policy covers the rest)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("content-security-policy", PORTAL_CSP)
            await send(message)

        await self.app(scope, receive, send_with_policy)


def create_portal(
    *,
    schema: BaseSchema,
    make_context: ContextFactory,
    secret: str,
    secure: bool,
    api_refusal: ExceptionHandler,
    upload_limits: UploadLimits | None = None,
) -> ASGIApp:
    """The portal as an ASGI app running its operations through `schema` with `make_context`.

    `api_refusal` answers an unknown path or a wrong method for a client that did not ask for HTML;
    `upload_limits` bound the forms with files (the API's limits for a multipart request).
    """
    limits = upload_limits or UploadLimits()

    async def not_found(scope: Scope, receive: Receive, send: Send) -> None:
        """A path nobody serves: a page for a browser, the API's JSON refusal for anyone else."""
        request = Request(scope, receive)
        if wants_page(request):
            response = await error_page(request, 404)
        else:
            response = await api_refusal(request, HTTPException(404))
        await response(scope, receive, send)

    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(
                ForgeryGuard,
                secret=secret,
                refusal=error_page,
                is_upload=upload_paths(),
                upload_limits=limits,
            )
        ],
        exception_handlers={
            HTTPException: http_error,
            OperationFailed: operation_failed,
            SetUpTwoFactorFirst: set_up_two_factor_first,
        },
    )
    app.router.default = not_found
    app.state.portal = Portal(
        executor=Executor(schema=schema, make_context=make_context),
        templates=templates(),
        secret=secret,
        secure=secure,
        upload_limits=limits,
    )
    return PortalHeaders(app)
