"""axe-core in the page: WCAG 2.1 A and AA rules, every violation written out readably on failure."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from tests.web.browser.availability import AXE_SCRIPT

#: The rules the portal promises to meet (WCAG 2.1 AA includes 2.0 A and AA).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(results => results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
    summaries: v.nodes.map(n => n.failureSummary || ''),
  })))"""


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violation: rule, impact, what it asks, and the offending elements."""
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for target, summary in zip(violation["targets"], violation["summaries"], strict=True):
            lines.append(f"    at {target}")
            lines.extend(f"      {line.strip()}" for line in summary.splitlines() if line.strip())
    return "\n".join(lines)


async def violations_of(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now (the context must bypass the CSP)."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(path=AXE_SCRIPT)
    found: list[dict[str, Any]] = await page.evaluate(RUN_AXE, list(WCAG_TAGS))
    return found


async def assert_accessible(page: Page) -> None:
    """Fail with every violation written out unless axe-core finds none."""
    found = await violations_of(page)
    assert not found, (
        f"axe-core found {len(found)} WCAG 2.1 AA violation(s) on {page.url}:\n{describe(found)}"
    )
