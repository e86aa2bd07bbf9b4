"""What every page handler uses: the visitor's language and session, operations, forms, rendering.

A handler makes `Page(request)`, runs its operations with `page.run`, and answers `page.render`
(HTML with the security policy and the CSRF cookie) or `page.redirect` (303 after a POST).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from schema.base.uploads import UploadLimits
from web import i18n, session
from web.execute import Executor, OperationFailed, Outcome
from web.forgery import read_form
from web.i18n import gettext


@dataclass(frozen=True, slots=True)
class Portal:
    """The portal's shared parts, kept on the portal app's state."""

    executor: Executor
    templates: Jinja2Templates
    secret: str
    secure: bool
    #: How large a form with files may be (the same limits as a multipart request to the API).
    upload_limits: UploadLimits = field(default_factory=UploadLimits)


def navigation(viewer: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The main navigation's (path, label) for the visitor's role."""
    items = [
        ("/", gettext("Start")),
        ("/directory", gettext("Directory")),
        ("/municipalities", gettext("Municipalities")),
        ("/calls", gettext("Funding calls")),
        ("/figures", gettext("Figures")),
    ]
    role = (viewer or {}).get("role")
    if role == "APPLICANT":
        items.append(("/applications", gettext("My applications")))
    elif role in ("REVIEWER", "APPROVER", "ADMIN"):
        items.append(("/staff/applications", gettext("Applications")))
        items.append(("/staff/payments", gettext("Payments")))
    if role == "ADMIN":
        items.append(("/admin", gettext("Administration")))
    return items


#: The signed-in areas: staff who must set up two-factor sign-in first are sent to do so from them.
SIGNED_IN_AREAS = ("/staff", "/admin", "/applications", "/account")
TWO_FACTOR_PAGE = "/account/two-factor"


class SetUpTwoFactorFirst(Exception):
    """The visitor must set up two-factor sign-in before using the signed-in areas (production staff)."""


def must_set_up_first(viewer: dict[str, Any] | None, path: str) -> bool:
    """True if a page at `path` should send `viewer` to the two-factor setup instead."""
    if not (viewer or {}).get("twoFactorSetupRequired") or path.startswith(TWO_FACTOR_PAGE):
        return False
    return any(path == area or path.startswith(area + "/") for area in SIGNED_IN_AREAS)


class Page:
    """One request's view of the portal."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.portal: Portal = request.app.state.portal
        self.language = i18n.choose_language(
            request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")
        )
        i18n.current_language.set(self.language)
        self.token = session.session_token(request)
        self._chrome: dict[str, Any] | None = None

    async def run(self, name: str, variables: Mapping[str, Any] | None = None) -> Outcome:
        """Run one of the portal's operations as the visitor, in the page's language."""
        return await self.portal.executor.run(
            self.request,
            name,
            variables,
            token=self.token,
            languages=i18n.language_order(self.language),
        )

    async def chrome(self) -> dict[str, Any]:
        """What every page's frame shows: the signed-in visitor (or none) and the programme's owner."""
        if self._chrome is None:
            data = (await self.run("PageChrome")).data
            # the frame shows the owner as `chrome.owner`; it comes with the current programme phase
            self._chrome = {**data, "owner": (data.get("currentProgramme") or {}).get("owner")}
            # Once per request: the error page of the same request must not be sent on again.
            if must_set_up_first(data.get("viewer"), self.request.url.path) and not getattr(
                self.request.state, "sent_to_two_factor", False
            ):
                self.request.state.sent_to_two_factor = True
                raise SetUpTwoFactorFirst
        return self._chrome

    async def viewer(self) -> dict[str, Any] | None:
        """The signed-in visitor (id, displayName, role, organisation), or None."""
        viewer: dict[str, Any] | None = (await self.chrome()).get("viewer")
        return viewer

    async def form(self) -> FormData:
        """The posted form (web.forgery.ForgeryGuard refused it before any page if its token was wrong)."""
        return await read_form(self.request)

    async def render(self, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
        """The template rendered in the page's language, inside the portal's frame."""
        chrome = await self.chrome()
        session.current_csrf_token.set(session.csrf_token(self.request, self.portal.secret))
        owner = chrome.get("owner") or {}
        response = self.portal.templates.TemplateResponse(
            self.request,
            template,
            {
                "page": self,
                "language": self.language,
                "viewer": chrome.get("viewer"),
                "chrome": chrome,
                "owner_name": owner.get("name") or "kipnet",
                "navigation": navigation(chrome.get("viewer")),
                **context,
            },
            status_code=status,
        )
        session.remember_browser(self.request, response, secure=self.portal.secure)
        return response

    def redirect(self, url: str) -> Response:
        """See other: the answer to a successful form, so reloading does not post again."""
        response = RedirectResponse(url, status_code=303)
        session.remember_browser(self.request, response, secure=self.portal.secure)
        return response

    def path_with(self, **params: str) -> str:
        """This page's path with some query parameters replaced (for paging and filters)."""
        query = dict(self.request.query_params)
        query.update({key: value for key, value in params.items() if value is not None})
        return self.request.url.path + ("?" + urlencode(query) if query else "")


__all__ = ["OperationFailed", "Page", "Portal"]
