"""Security headers on every response; strict transport security only where TLS is promised (production)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# An API answers with data, never with pages that load anything; GraphiQL (development only) is HTML.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeadersMiddleware:
    """Add the security headers a browser-facing API should send, unless a response set its own."""

    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.production = production
        defaults = {**BASE_HEADERS, "cache-control": "no-store"}
        if production:
            defaults["strict-transport-security"] = HSTS
        self._defaults_for_html = [(name.encode(), value.encode()) for name, value in defaults.items()]
        # Not HTML: an API answer, which loads nothing whatever it says.
        self._defaults = [*self._defaults_for_html, (b"content-security-policy", API_CSP.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._with_defaults(list(message.get("headers", ())))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _with_defaults(self, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """`headers` plus every default the response did not set itself (one pass over them)."""
        present = {name.lower(): value for name, value in headers}
        html = present.get(b"content-type", b"").startswith(b"text/html")
        for name, value in self._defaults_for_html if html else self._defaults:
            if name not in present:
                headers.append((name, value))
        return headers
