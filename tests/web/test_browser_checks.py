"""The checks every visited page passes really catch what they are for: axe-core finds an unlabelled
field and an image without text, the console check hears the CSP refusing inline style, and the
width and in-page link checks fail a page too wide or linking nowhere."""

from __future__ import annotations

import pytest

from tests.web.browser.axe import describe, violations_of
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

INACCESSIBLE = """<!doctype html><html lang="de"><head><title>Probe</title></head><body><main>
<h1>Probe</h1><img src="/assets/favicon.svg"><input id="nameless" type="text"></main></body></html>"""
INLINE_STYLE = """<!doctype html><html lang="de"><head><title>Probe</title></head><body><main>
<h1 style="color: red">Probe</h1></main></body></html>"""
TOO_WIDE = """<!doctype html><html lang="de"><head><title>Probe</title></head><body><main>
<h1>Probe</h1><div class="wide"></div><a href="#nowhere">Nirgends</a></main></body></html>"""
PORTAL_CSP = "default-src 'none'; style-src 'self'"


async def test_axe_finds_and_describes_violations(open_visitor: OpenVisitor) -> None:
    # given a page with an image without text and a field without a label
    visitor = await open_visitor("de")
    await visitor.open("/sign-in")
    await visitor.page.set_content(INACCESSIBLE)
    # when axe-core looks at it
    found = await violations_of(visitor.page)
    # then it names both, and the description says rule, impact, element and what to fix
    assert {violation["id"] for violation in found} == {"image-alt", "label"}
    written = describe(found)
    assert "- image-alt (critical): Images must have alternative text" in written
    assert "    at #nameless" in written


async def test_the_console_check_hears_the_policy_refuse_inline_style(open_visitor: OpenVisitor) -> None:
    # given a browser enforcing the policy, and an answer with an inline style under it
    visitor = await open_visitor("de", enforce_csp=True)
    await visitor.page.route(
        "**/probe",
        lambda route: route.fulfill(
            body=INLINE_STYLE, content_type="text/html", headers={"content-security-policy": PORTAL_CSP}
        ),
    )
    # when the page is opened, then the check fails naming the refusal
    with pytest.raises(AssertionError, match="Content Security Policy"):
        await visitor.open("/probe")


async def test_the_width_and_link_checks_fail_a_broken_page(open_visitor: OpenVisitor) -> None:
    # given a phone, and a page wider than it and linking to an id it lacks
    visitor = await open_visitor("de", width=360)
    await visitor.open("/sign-in")
    await visitor.page.set_content(TOO_WIDE)
    await visitor.page.add_style_tag(content=".wide { width: 500px; height: 1px; }")
    # when the page is checked, then the width fails it (500 px and the bare body's 8 px margin)
    with pytest.raises(AssertionError, match="is 508px wide in a 360px window"):
        await visitor.arrived()
    # and once it fits, the link to nowhere does
    await visitor.page.add_style_tag(content=".wide { width: 10px; }")
    with pytest.raises(AssertionError, match="links to missing ids"):
        await visitor.arrived()
