"""The portal's upload routes: the only pages that take a form with a file (multipart/form-data).

A page that takes files is listed as an `UploadRoute`. The server's request guard lets a multipart
POST through unread (its larger cap) only to a path of such a route (`UploadPaths.patterns`), and the portal's
ForgeryGuard (web/forgery.py) reads such a body with the streaming, counting reader of
schema/base/uploads.py, checks the form's CSRF token and only then hands the page the received form
(`received_upload`). Every other route keeps refusing forms with files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.routing import BaseRoute, Route

from schema.base.uploads import Multipart, UploadRefused

#: The scope key under which the ForgeryGuard hands an upload route its read (and checked) form.
UPLOAD = "kipnet.portal_upload"


class UploadRoute(Route):
    """A portal page that takes files: its multipart POSTs are streamed and counted, never read whole."""


@dataclass(frozen=True, slots=True)
class PortalUpload:
    """What the guard read for an upload route: the form (token checked), or why the body was refused.

    A refused body (too large, malformed) reaches the page without a form, so the page can only show
    the refusal; it changes nothing.
    """

    form: Multipart | None
    refused: UploadRefused | None = None


class UploadPaths:
    """Which request paths belong to upload routes (matched as Starlette matches the routes)."""

    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        self.routes = [route for route in routes if isinstance(route, UploadRoute)]

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The routes' path patterns (for the server's request guard)."""
        return tuple(route.path_regex for route in self.routes)

    def __call__(self, path: str) -> bool:
        """True when `path` is the path of an upload route."""
        return any(pattern.fullmatch(path) for pattern in self.patterns)


def received_upload(request: Request) -> PortalUpload:
    """The upload the ForgeryGuard read for this request (a page that is no upload route has none)."""
    upload = request.scope.get(UPLOAD)
    if not isinstance(upload, PortalUpload):
        raise LookupError("no upload was read for this request: is its route an UploadRoute?")
    return upload
