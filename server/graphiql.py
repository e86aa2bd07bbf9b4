"""GraphiQL (development only) from kipnet's own files: it works offline and under a strict CSP.

Strawberry's page loads React and GraphiQL from a CDN, so offline it shows "Loading…" forever,
and a CSP strict enough for an API page would block it. kipnet serves the same files itself
(server/static/graphiql/, their sources and licences in SOURCES.md there).
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

ASSETS = Path(__file__).resolve().parent / "static" / "graphiql"
PREFIX = "/static/graphiql"
#: Only what the page loads; nothing else in the directory (notes, licences) is served.
CONTENT_TYPES = {
    "react.production.min.js": "text/javascript; charset=utf-8",
    "react-dom.production.min.js": "text/javascript; charset=utf-8",
    "graphiql.min.js": "text/javascript; charset=utf-8",
    "kipnet-graphiql.js": "text/javascript; charset=utf-8",
    "graphiql.min.css": "text/css; charset=utf-8",
    "kipnet-graphiql.css": "text/css; charset=utf-8",
}
#: Scripts, styles and requests from this origin only. GraphiQL's stylesheet holds its fonts and a
#: few icons as data: URLs, which cannot run code.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
PAGE = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>kipnet GraphiQL</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{PREFIX}/graphiql.min.css">
    <link rel="stylesheet" href="{PREFIX}/kipnet-graphiql.css">
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="{PREFIX}/react.production.min.js"></script>
    <script src="{PREFIX}/react-dom.production.min.js"></script>
    <script src="{PREFIX}/graphiql.min.js"></script>
    <script src="{PREFIX}/kipnet-graphiql.js"></script>
  </body>
</html>
"""


def page() -> HTMLResponse:
    """The GraphiQL page, with a Content-Security-Policy allowing only its own origin."""
    return HTMLResponse(PAGE, headers={"content-security-policy": PAGE_CSP})


async def asset(request: Request) -> Response:
    """One of the files the page loads (404 for anything else)."""
    name = request.path_params["name"]
    if name not in CONTENT_TYPES:
        return PlainTextResponse("Not Found", status_code=404)
    return FileResponse(ASSETS / name, media_type=CONTENT_TYPES[name])


def routes() -> list[Route]:
    """The route of GraphiQL's files."""
    return [Route(PREFIX + "/{name}", asset, methods=["GET"])]
