"""The portal's frame in a real browser: start, sign-in (also refused), error pages, language switch and
sign-out pass axe-core in German and French, work by keyboard alone and without JavaScript, fit a
360 px phone, and break none of the content security policy."""

from __future__ import annotations

import pytest

from grants.models import Role
from tests.web.browser.served import ACCOUNTS
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

LANGUAGES = ("de", "fr")
#: Pages of the frame anyone can open, with the status they answer.
OPEN_PAGES = (("/", 200), ("/sign-in", 200), ("/no-such-page", 404))
PORTAL_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
APPLICANT = ACCOUNTS[Role.APPLICANT]
#: Pages whose Tab stops are checked: signed in?, path, the stops that must come in this order.
FOCUS_PAGES = (
    (
        False,
        "/sign-in",
        ("a:Zum Hauptinhalt springen", "input:#f-email", "input:#f-password", "button:Anmelden"),
    ),
    (True, "/", ("a:Zum Hauptinhalt springen", "a:Français", "button:Abmelden", "a:Offene Daten")),
)
TRANSPARENT = "rgba(0, 0, 0, 0)"
#: How many Tab presses may pass before the sign-in form's first field must have been reached.
TAB_BUDGET = 30


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_open_pages_pass_axe(open_visitor: OpenVisitor, language: str) -> None:
    # given a visitor in the language
    visitor = await open_visitor(language)
    for path, status in OPEN_PAGES:
        # when they open each page of the frame
        await visitor.open(path, status=status)
        # then it is in their language with one h1 (axe-core found nothing: open checks it)
        assert await visitor.page.get_by_role("heading", level=1).count() == 1
    assert await visitor.heading() == visitor.t("Page not found")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_refused_sign_in_shows_accessible_errors(open_visitor: OpenVisitor, language: str) -> None:
    # given a visitor with a wrong password
    visitor = await open_visitor(language)
    # when they sign in with it
    await visitor.sign_in(APPLICANT, password="wrong password")
    # then the form comes back with an error summary linking to a field, passing axe-core, address kept
    assert await visitor.heading() == visitor.t("Sign in")
    problems = await visitor.problems()
    assert len(problems) == 1
    assert await visitor.problem_targets() == ["#f-form"]
    assert (await visitor.page.title()).startswith(f"{visitor.t('Error:')} {visitor.t('Sign in')} – ")
    assert await visitor.page.get_by_label(visitor.t("E-mail address"), exact=True).input_value() == (
        APPLICANT.email
    )
    assert not await visitor.signed_in()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_signing_in_and_out_passes_axe(open_visitor: OpenVisitor, language: str) -> None:
    # given a visitor with the right password
    visitor = await open_visitor(language)
    # when they sign in, open the start page, and sign out
    await visitor.sign_in(APPLICANT)
    assert await visitor.signed_in()
    await visitor.open("/")
    await visitor.sign_out()
    # then they are back at the start, signed out
    assert visitor.path == "/"
    assert not await visitor.signed_in()
    assert await visitor.page.get_by_role("link", name=visitor.t("Sign in"), exact=True).count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_form_from_a_lost_session_is_refused_with_a_page(
    open_visitor: OpenVisitor, language: str
) -> None:
    # given a visitor whose browser forgot its cookies while the sign-in form was open
    visitor = await open_visitor(language)
    await visitor.open("/sign-in")
    await visitor.page.context.clear_cookies()
    await visitor.fill("E-mail address", APPLICANT.email)
    await visitor.fill("Password", APPLICANT.password)
    # when they send it
    await visitor.press("Sign in")
    # then the expired-form page says so (in the language the browser asks for) and nobody is signed in
    assert await visitor.heading() == visitor.t("This form has expired")
    assert not await visitor.signed_in()


async def test_the_language_switch_changes_the_page_and_remembers(open_visitor: OpenVisitor) -> None:
    # given a visitor whose browser asks for German, on the sign-in page
    visitor = await open_visitor("de")
    await visitor.open("/sign-in")
    assert await visitor.heading() == "Anmelden"
    # when they choose French in the language switch
    switch = visitor.page.get_by_role("navigation", name="Sprache")
    async with visitor.page.expect_navigation():
        await switch.get_by_role("link", name="Français").click()
    # then the same page comes back in French, marked as French, and the choice holds on other pages
    visitor.language = "fr"
    await visitor.arrived()
    assert visitor.path == "/sign-in"
    assert await visitor.heading() == "Se connecter"
    current = visitor.page.get_by_role("navigation", name="Langue").locator("[aria-current]")
    assert await current.inner_text() == "Français"
    await visitor.open("/")
    assert await visitor.page.get_attribute("html", "lang") == "fr"


async def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    open_visitor: OpenVisitor,
) -> None:
    # given a keyboard user on the start page
    visitor = await open_visitor("de")
    await visitor.open("/")
    # when they press Tab once
    await visitor.page.keyboard.press("Tab")
    # then the skip link has focus, visibly, and Enter moves focus to the main content
    focused = await visitor.focused()
    assert (focused["tag"], focused["text"]) == ("a", "Zum Hauptinhalt springen")
    assert await visitor.page.locator(".skip-link").is_visible()
    await visitor.page.keyboard.press("Enter")
    assert (await visitor.focused())["id"] == "main"


async def test_signing_in_with_the_keyboard_alone(open_visitor: OpenVisitor) -> None:
    # given a keyboard user on the sign-in page
    visitor = await open_visitor("fr")
    await visitor.open("/sign-in")
    # when they Tab to the address, type it, Tab to the password, type it and press Enter
    for _ in range(TAB_BUDGET):
        await visitor.page.keyboard.press("Tab")
        if (await visitor.focused())["id"] == "f-email":
            break
    assert (await visitor.focused())["id"] == "f-email"
    await visitor.page.keyboard.type(APPLICANT.email)
    await visitor.page.keyboard.press("Tab")
    assert (await visitor.focused())["id"] == "f-password"
    await visitor.page.keyboard.type(APPLICANT.password)
    async with visitor.page.expect_navigation():
        await visitor.page.keyboard.press("Enter")
    # then they are signed in, on a page that passes the checks like every other
    await visitor.arrived()
    assert await visitor.signed_in()


@pytest.mark.parametrize(("signed_in", "path", "stops"), FOCUS_PAGES, ids=["sign-in", "signed-in-start"])
async def test_every_tab_stop_shows_focus(
    open_visitor: OpenVisitor, signed_in: bool, path: str, stops: tuple[str, ...]
) -> None:
    # given a keyboard user on a page (skip link, frame links, language switch, its own controls)
    visitor = await open_visitor("de")
    if signed_in:
        await visitor.sign_in(APPLICANT)
    await visitor.open(path)
    seen: list[dict[str, str]] = []
    # when they Tab through every stop of the page, until focus leaves it
    for _ in range(TAB_BUDGET):
        await visitor.page.keyboard.press("Tab")
        focused = await visitor.focused()
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)
    # then the page's own controls come in order, and each stop shows a visible outline or box-shadow
    names = [f"{focused['tag']}:{focused['text'] or '#' + focused['id']}" for focused in seen]
    assert [name for name in names if name in stops] == list(stops)
    for focused in seen:
        outlined = (
            focused["outlineStyle"] != "none"
            and focused["outlineWidth"] != "0px"
            and focused["outlineColor"] != TRANSPARENT
        )
        shadowed = focused["boxShadow"] != "none"
        assert outlined or shadowed, f"focus is invisible on {focused}"


async def test_signing_in_and_out_works_without_javascript(open_visitor: OpenVisitor) -> None:
    # given a browser with JavaScript switched off
    visitor = await open_visitor("de", javascript=False)
    # when they sign in, then sign out
    await visitor.sign_in(APPLICANT)
    signed_in = await visitor.signed_in()
    await visitor.sign_out()
    # then both worked
    assert signed_in
    assert not await visitor.signed_in()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_nothing_overflows_a_360px_phone(open_visitor: OpenVisitor, language: str) -> None:
    # given a visitor on a phone 360 px wide
    visitor = await open_visitor(language, width=360)
    # when they open every page of the frame, also refused and signed in (open checks the width)
    for path, status in OPEN_PAGES:
        await visitor.open(path, status=status)
    await visitor.sign_in(APPLICANT, password="wrong password")
    await visitor.sign_in(APPLICANT)
    await visitor.open("/")
    # then the page is never wider than the screen
    assert await visitor.page.evaluate("document.documentElement.scrollWidth") <= 360


async def test_the_policy_is_sent_and_nothing_breaks_it(open_visitor: OpenVisitor) -> None:
    # given a browser that enforces the content security policy
    visitor = await open_visitor("de", enforce_csp=True)
    # when it opens the frame's pages, signs in wrongly and rightly (arrived checks the console)
    for path, status in OPEN_PAGES:
        response = await visitor.open(path, status=status)
        # then every page carries the policy and the console reports no violation
        assert await response.header_value("content-security-policy") == PORTAL_CSP
    await visitor.sign_in(APPLICANT, password="wrong password")
    await visitor.sign_in(APPLICANT)
    await visitor.open("/")
    assert visitor.console == []
