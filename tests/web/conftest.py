"""Browser test fixtures: one Chromium per worker, one served kipnet per module, visitors per test.

Browser tests are async (Playwright's async API) and run in the session's event loop, which the
browser lives in: mark their module `pytestmark = pytest.mark.asyncio(loop_scope="session")`.
Playwright's sync API cannot be used here: it leaves its loop marked as running between calls,
which breaks every async test and `asyncio.run` after it in the same worker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator
from pathlib import Path
from typing import Protocol

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, async_playwright

from tests.databases import Templates
from tests.served import ServedKipnet
from tests.web.browser.availability import chromium_path, require_browser
from tests.web.browser.journey import Visitor
from tests.web.browser.served import serve_portal

#: Each language's Swiss locale, which the browser sends as Accept-Language.
BROWSER_LOCALES = {"de": "de-CH", "fr": "fr-CH", "it": "it-CH", "en": "en-GB"}


class OpenVisitor(Protocol):
    """Makes a visitor in a fresh browser context (own cookies)."""

    def __call__(
        self, language: str = "de", *, javascript: bool = True, width: int = 1024, enforce_csp: bool = False
    ) -> Awaitable[Visitor]: ...


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Debian's Chromium, headless, once per worker."""
    require_browser()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(chromium_path()), args=["--no-sandbox"]
        )
        yield launched
        await launched.close()


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """A served kipnet with the fixtures and one account per role, shared by one test module."""
    require_browser()
    server = serve_portal(templates, Path(tmp_path_factory.mktemp("portal")))
    try:
        yield server
    finally:
        server.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def open_visitor(browser: Browser, portal: ServedKipnet) -> AsyncIterator[OpenVisitor]:
    """`await open_visitor("fr")`: a visitor in a new context, closed after the test.

    By default the context bypasses the CSP so that axe-core can be injected; `enforce_csp=True`
    keeps the policy (and skips axe) to see what the policy refuses, `javascript=False` switches
    scripts off (and axe with them).
    """
    contexts: list[BrowserContext] = []

    async def make(
        language: str = "de", *, javascript: bool = True, width: int = 1024, enforce_csp: bool = False
    ) -> Visitor:
        context = await browser.new_context(
            base_url=portal.url,
            locale=BROWSER_LOCALES[language],
            java_script_enabled=javascript,
            bypass_csp=javascript and not enforce_csp,
            viewport={"width": width, "height": 800},
        )
        contexts.append(context)
        return Visitor(await context.new_page(), language, audit=javascript and not enforce_csp)

    yield make
    for context in contexts:
        await context.close()
