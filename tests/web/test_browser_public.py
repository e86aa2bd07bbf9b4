"""Every public page in a real browser, in German and French, at desktop and phone width:
axe-core finds nothing, nothing is wider than the window, the console stays quiet (Visitor.arrived)."""

from __future__ import annotations

import pytest

from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

PUBLIC_PAGES = (
    "/",
    "/directory",
    "/directory?q=beratung&language=ti",
    "/directory/ald",
    "/directory/fibl",  # the programme's owner: about a hundred relationships in one picture
    "/municipalities",
    "/calls",
    "/figures",
    "/open-data",
)


@pytest.mark.parametrize(("language", "width"), [("de", 1024), ("fr", 1024), ("de", 360), ("fr", 360)])
async def test_every_public_page_passes_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given an anonymous visitor in a language, on a desktop or a phone
    visitor = await open_visitor(language, width=width)
    headings = []
    # when they open every public page (each checked as it arrives)
    for path in PUBLIC_PAGES:
        await visitor.open(path)
        headings.append(await visitor.heading())
    # then every page has its own main heading
    assert all(headings)
    assert len(set(headings)) == len(PUBLIC_PAGES) - 1  # the two directory lists share theirs


async def test_a_call_page_and_the_phase_switch_pass_the_arrival_checks(open_visitor: OpenVisitor) -> None:
    # given a visitor on the figures page
    visitor = await open_visitor("fr")
    await visitor.open("/figures")
    first = await visitor.heading()
    # when they switch to another phase by its link
    links = visitor.page.locator("main a[href^='/figures?programme=']")
    assert await links.count() >= 1
    await links.first.click()
    await visitor.page.wait_for_load_state()
    await visitor.arrived()
    # then the page is the same kind of page for another phase
    assert await visitor.heading() == first
    assert "programme=" in visitor.page.url
