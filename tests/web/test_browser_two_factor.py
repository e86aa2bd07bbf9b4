"""Two-factor sign-in in a real browser, in each language: set it up (QR code, key, first code, ten
recovery codes), then sign in with a TOTP code pyotp computes, a wrong code refused first; every page
passes the arrival checks (axe-core at 0, fits the window, quiet console)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
import pytest

from grants.models import Role
from schema.base.messages import catalog
from tests import factories
from tests.databases import Templates
from tests.served import ServedKipnet
from tests.web.browser.availability import require_browser
from tests.web.browser.journey import Visitor
from tests.web.browser.served import Account, serve_portal
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

LANGUAGES = ("de", "fr", "it", "en")
#: One reviewer per language: each test turns two-factor sign-in on for its own.
REVIEWERS = {
    language: Account(Role.REVIEWER, f"two-factor-{language}@browser.kipnet.example")
    for language in LANGUAGES
}


async def _add_reviewers() -> None:
    for account in REVIEWERS.values():
        await factories.user(account.role, email=account.email)


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """The served portal with this module's reviewers besides the usual accounts."""
    require_browser()
    server = serve_portal(templates, Path(tmp_path_factory.mktemp("two-factor")), _add_reviewers)
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_reviewer_sets_up_two_factor_and_signs_in_with_a_code(
    open_visitor: OpenVisitor, language: str
) -> None:
    # given a signed-in reviewer on the two-factor page
    reviewer = REVIEWERS[language]
    visitor = await open_visitor(language)
    await visitor.sign_in(reviewer)
    await visitor.open("/account")
    await visitor.follow("Set up or change two-factor sign-in")
    # when they set it up: the QR code inline, the key to type, the app's first code
    await visitor.press("Set up two-factor sign-in")
    assert await visitor.page.locator(".qr-code svg").count() == 1
    key = (await visitor.page.locator("#secret-key").inner_text()).replace(" ", "")
    app = pyotp.TOTP(key)
    confirmed_at = datetime.now(UTC)
    await visitor.fill("Code", app.at(confirmed_at))
    await visitor.press("Turn on two-factor sign-in")
    # then ten recovery codes are shown, once
    codes = await visitor.page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert visitor.path == "/account/two-factor/confirm"

    # when they sign out and in again: the password, then a wrong code, then the app's next one
    await visitor.sign_out()
    await visitor.sign_in(reviewer)
    assert visitor.path == "/sign-in/code"
    assert await visitor.heading() == visitor.t("Enter your sign-in code")
    await visitor.fill("Code", "12345")
    await visitor.press("Sign in")
    refused = await visitor.problems()
    await visitor.fill("Code", app.at(confirmed_at + timedelta(seconds=30)))
    await visitor.press("Sign in")
    # then the wrong code was refused at its field and the right one lets them in
    assert refused == shown(visitor, "The code is wrong or was used already")
    assert visitor.path == "/staff/applications"
    assert await visitor.signed_in()


def shown(visitor: Visitor, english: str) -> list[str]:
    """The API's refusal as the page shows it in the visitor's language (schema/locales)."""
    return [english if visitor.language == "en" else catalog(visitor.language).get(english, english)]
