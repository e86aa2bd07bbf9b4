"""A page-object for journeys: a visitor in one language who opens pages, fills labelled fields, presses
named buttons and reads what the page says, with every page checked as it arrives (axe-core at 0
violations, nothing wider than the window, no console errors such as CSP refusals).

Journeys are written in English words, `visitor.t("Sign in")`, which the visitor translates with the
portal's own catalogs, so one journey runs in German and in French by changing the context's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.async_api import ConsoleMessage, Page, Response

from grants.models import Role
from tests.web.browser.axe import assert_accessible
from tests.web.browser.served import ACCOUNTS, Account
from web import i18n

#: In-page links (the skip link, the error summary's) whose target is missing from the page.
BROKEN_ANCHORS = """() => [...document.querySelectorAll('a[href^="#"]')]
  .map(a => a.getAttribute('href').slice(1))
  .filter(id => !document.getElementById(decodeURIComponent(id)))"""
FOCUSED_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {tag: element.tagName.toLowerCase(), id: element.id, text: element.textContent.trim(),
          outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
          outlineColor: style.outlineColor, boxShadow: style.boxShadow};
}"""


@dataclass
class Visitor:
    """One browser tab of someone using the portal in `language`."""

    page: Page
    language: str
    #: axe-core needs JavaScript and a context that bypasses the CSP; off for the others.
    audit: bool = True
    console: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._heard)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("response", self._answered)

    def _heard(self, message: ConsoleMessage) -> None:
        # Errors and warnings only: a CSP refusal, a failed asset, a script error are all one of these.
        if message.type not in ("error", "warning"):
            return
        # An error page's own status is logged too; the tests check that status themselves, and a
        # failed asset is caught by _answered.
        if (
            message.text.startswith("Failed to load resource")
            and message.location.get("url") == self.page.url
        ):
            return
        self.console.append(f"{message.type}: {message.text}")

    def _answered(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.console.append(f"asset {response.url} answered {response.status}")

    @property
    def path(self) -> str:
        """Where the visitor is: the path of the page's address (no host, no query)."""
        return urlsplit(self.page.url).path

    def t(self, english: str) -> str:
        """`english` as the portal writes it in this visitor's language."""
        return i18n.translations(self.language).gettext(english)

    async def arrived(self) -> None:
        """The checks every page passes: accessible, fits the window, a quiet console, the right lang."""
        assert await self.page.get_attribute("html", "lang") == self.language
        width = await self.page.evaluate("document.documentElement.scrollWidth")
        window = await self.page.evaluate("window.innerWidth")
        assert width <= window, f"{self.page.url} is {width}px wide in a {window}px window"
        assert await self.page.evaluate(BROKEN_ANCHORS) == [], f"{self.page.url} links to missing ids"
        if self.audit:
            await assert_accessible(self.page)
        assert not self.console, f"the console on {self.page.url} says: {self.console}"

    async def open(self, path: str, *, status: int = 200) -> Response:
        """Go to `path` and check the page (and its status) as it arrives."""
        response = await self.page.goto(path)
        assert response is not None
        assert response.status == status, f"{path} answered {response.status}"
        await self.arrived()
        return response

    async def fill(self, label: str, value: str) -> None:
        """Type `value` into the field labelled `label` (English, translated)."""
        await self.page.get_by_label(self.t(label), exact=True).fill(value)

    async def press(self, name: str) -> None:
        """Press the button named `name` (English, translated), wait for the next page and check it."""
        async with self.page.expect_navigation():
            await self.page.get_by_role("button", name=self.t(name), exact=True).click()
        await self.arrived()

    async def follow(self, name: str) -> None:
        """Follow the link named `name` (English, translated) and check the page."""
        async with self.page.expect_navigation():
            await self.page.get_by_role("link", name=self.t(name), exact=True).first.click()
        await self.arrived()

    async def choose(self, label: str, option: str) -> None:
        """Pick the option named `option` in the select labelled `label` (both as shown on the page)."""
        await self.page.get_by_label(self.t(label), exact=True).select_option(label=option)

    async def tick(self, legend: str, option: str, *, on: bool = True) -> None:
        """Tick (or untick) the box `option` in the group of checkboxes whose legend is `legend`."""
        box = self.page.get_by_role("group", name=self.t(legend)).get_by_label(option, exact=True)
        await box.set_checked(on)

    async def field_errors(self, label: str) -> list[str]:
        """The error messages the field (or group) labelled `label` is described by, without "Error:"."""
        control = self.page.get_by_label(self.t(label), exact=True)
        if not await control.count():
            control = self.page.get_by_role("group", name=self.t(label), exact=True)
        described = await control.first.get_attribute("aria-describedby") or ""
        messages: list[str] = []
        for ident in described.split():
            if ident.endswith("-error"):
                text = (await self.page.locator(f"#{ident}").inner_text()).strip()
                messages.append(text.removeprefix(self.t("Error:")).strip())
        return messages

    async def table(self, caption: str) -> list[list[str]]:
        """The rows of the table captioned `caption` (as shown), header row first, each cell's text."""
        table = self.page.get_by_role("table", name=caption, exact=True)
        rows: list[list[str]] = []
        for row in await table.get_by_role("row").all():
            cells = row.locator("th, td")
            rows.append([text.strip() for text in await cells.all_inner_texts()])
        return rows

    async def heading(self) -> str:
        """The page's one h1."""
        return (await self.page.get_by_role("heading", level=1).inner_text()).strip()

    async def problems(self) -> list[str]:
        """The error summary's messages, in order (empty without one)."""
        summary = self.page.get_by_role("alert").filter(has=self.page.get_by_role("heading"))
        if not await summary.count():
            return []
        return [text.strip() for text in await summary.get_by_role("link").all_inner_texts()]

    async def problem_targets(self) -> list[str]:
        """Where each error summary link leads (`#f-email`...)."""
        links = self.page.locator(".error-summary a")
        return [str(await link.get_attribute("href")) for link in await links.all()]

    async def sign_in(self, who: Account | str, *, password: str | None = None) -> None:
        """Sign in through the form as an account (or a role's name: "APPLICANT", "ADMIN"...)."""
        account = who if isinstance(who, Account) else ACCOUNTS[Role(who)]
        await self.open("/sign-in")
        await self.fill("E-mail address", account.email)
        await self.fill("Password", account.password if password is None else password)
        await self.press("Sign in")

    async def signed_in(self) -> bool:
        """Whether the frame offers to sign out (it does to a signed-in visitor only)."""
        return await self.page.get_by_role("button", name=self.t("Sign out"), exact=True).count() == 1

    async def sign_out(self) -> None:
        """Sign out with the frame's button."""
        await self.press("Sign out")

    async def focused(self) -> dict[str, str]:
        """The focused element: tag, id, text and the computed outline and box-shadow that show focus."""
        found: dict[str, str] = await self.page.evaluate(FOCUSED_STYLE)
        return found
