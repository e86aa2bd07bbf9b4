"""An applicant keeps its organisation's directory entry in a real browser, in the four languages:
every page and refused form passes the arrival checks (axe-core at 0, fits the window, quiet console)."""

from __future__ import annotations

import pytest

from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize(("language", "width"), [("de", 1024), ("fr", 1024), ("it", 360), ("en", 1024)])
async def test_an_applicant_edits_its_entry_and_a_service_passing_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given a signed-in applicant on its account page
    visitor = await open_visitor(language, width=width)
    await visitor.sign_in("APPLICANT")
    await visitor.open("/account")
    # when they open their organisation's entry and save a bad e-mail address, then a good one
    await visitor.follow("Edit your organisation's entry in the directory")
    entry = visitor.path
    await visitor.fill("Phone (optional)", "061 000 00 00")
    await visitor.fill("E-mail address (optional)", "keine-adresse")
    await visitor.press("Save changes")
    refused = (visitor.path, await visitor.field_errors("E-mail address (optional)"))
    await visitor.fill("E-mail address (optional)", f"{language}@verein.example")
    await visitor.press("Save changes")
    saved = visitor.path
    # and add a service (first without its German name), open it and remove it
    await visitor.follow("Add a service")
    await visitor.press("Save the service")
    unnamed = bool(await visitor.problems())
    await visitor.fill("German (required)", f"Sprachtreff {language}")
    await visitor.press("Save the service")
    await visitor.follow(f"Sprachtreff {language}")
    service_page = visitor.path
    await visitor.press("Remove the service")
    # then every step came back where it should (each page checked on arrival)
    assert entry == "/account/organisation"
    assert refused[0] == entry
    assert len(refused[1]) == 1
    assert saved == entry
    assert unnamed
    assert service_page.startswith("/account/services/")
    assert visitor.path == entry
