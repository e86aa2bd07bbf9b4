"""The administrator's pages in a real browser, in German and French and on a phone: every page, and
the forms refused empty, pass the arrival checks (axe-core at 0, fits the window, quiet console)."""

from __future__ import annotations

import pytest

from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")

ADMIN_PAGES = (
    "/admin",
    "/admin/organisations",
    "/admin/organisations/ald",
    "/admin/organisations/ald/services/new",
    "/admin/organisations/ald/relationships/new",
    "/staff/applications",
    "/account",
)
#: (form page, its submit button): sent empty, each must come back refused with an error summary.
REFUSED_EMPTY = (
    ("/admin/calls/new", "Open the call"),
    ("/admin/organisations/new", "Add the organisation"),
)


@pytest.mark.parametrize(("language", "width"), [("de", 1024), ("fr", 1024), ("de", 360)])
async def test_the_admin_pages_and_their_refused_forms_pass_the_arrival_checks(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given a signed-in administrator
    visitor = await open_visitor(language, width=width)
    await visitor.sign_in("ADMIN")
    # when they open each page, and send the forms for a new call and organisation empty
    for path in ADMIN_PAGES:
        await visitor.open(path)
        assert await visitor.heading()
    refusals = []
    for path, button in REFUSED_EMPTY:
        await visitor.open(path)
        await visitor.press(button)
        refusals.append((visitor.path, bool(await visitor.problems())))
    # then each form comes back to its own address with an error summary (each page checked on arrival)
    assert refusals == [(path, True) for path, _ in REFUSED_EMPTY]
