"""GraphiQL (development) comes from kipnet itself: no external origin, every file served, a strict CSP."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from server.graphiql import PAGE_CSP
from tests.factories import PRODUCTION_SETTINGS

ASSETS = Path(__file__).resolve().parents[2] / "server" / "static" / "graphiql"
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


class References(HTMLParser):
    """Every URL a page loads: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href"} and value is not None:
                self.urls.append(value)


async def graphiql_page(client: httpx.AsyncClient) -> httpx.Response:
    return await client.get("/graphql", headers={"Accept": "text/html"})


async def test_the_page_loads_only_from_its_own_origin_under_a_strict_policy(client):
    # when a browser opens /graphql
    page = await graphiql_page(client)
    # then it gets the page with a policy allowing scripts, styles and requests from this origin only
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-security-policy"] == PAGE_CSP
    assert "script-src 'self';" in PAGE_CSP
    assert "connect-src 'self';" in PAGE_CSP
    # and everything it loads is a path on this server (or the empty data: icon)
    references = References()
    references.feed(page.text)
    assert references.urls == [
        "data:,",
        "/static/graphiql/graphiql.min.css",
        "/static/graphiql/kipnet-graphiql.css",
        "/static/graphiql/react.production.min.js",
        "/static/graphiql/react-dom.production.min.js",
        "/static/graphiql/graphiql.min.js",
        "/static/graphiql/kipnet-graphiql.js",
    ]
    assert "<script>" not in page.text  # no inline script: the policy would refuse it
    assert "//" not in page.text.replace("<!doctype html>", "")


async def test_every_file_the_page_references_is_served_with_its_content_type(client):
    references = References()
    references.feed((await graphiql_page(client)).text)
    files = [url for url in references.urls if url.startswith("/static/graphiql/")]
    assert len(files) == 6
    for url in files:
        # when the browser loads it
        response = await client.get(url)
        # then it is the vendored file, with the right type
        name = url.rsplit("/", 1)[1]
        assert (url, response.status_code) == (url, 200)
        assert response.headers["content-type"] == CONTENT_TYPES[Path(name).suffix]
        assert response.content == (ASSETS / name).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/static/graphiql/SOURCES.md",
        "/static/graphiql/licences/react.LICENSE",
        "/static/graphiql/..%2Fapp.py",
    ],
)
async def test_nothing_else_is_served_from_the_directory(client, path):
    assert (await client.get(path)).status_code == 404


@pytest.mark.parametrize("settings", [PRODUCTION_SETTINGS])
async def test_production_serves_neither_graphiql_nor_its_files(client, settings):
    assert (await client.get("/static/graphiql/graphiql.min.js")).status_code == 404
    page = await graphiql_page(client)
    assert "text/html" not in page.headers["content-type"]
