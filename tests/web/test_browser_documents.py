"""The Documents section in a real browser, in the four languages at desktop and phone width: a PDF
attached with the file upload (`set_input_files`), a renamed program refused at the file field, the PDF
removed again. Every page passes the arrival checks (axe-core at 0, fits the window, quiet console)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grants.models import Role
from tests.databases import Templates
from tests.document_samples import EXE, PDF
from tests.served import ServedKipnet
from tests.web.browser.availability import require_browser
from tests.web.browser.journey import Visitor
from tests.web.browser.office import CALL_TITLE, open_call
from tests.web.browser.served import serve_portal
from tests.web.conftest import OpenVisitor

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture(scope="module")
def portal(templates: Templates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedKipnet]:
    """The browser tests' served kipnet, with a call open now (the seeded fixtures have none), taking
    documents up to 1 MB (so that too large a file is quick to send)."""
    require_browser()
    directory = Path(tmp_path_factory.mktemp("portal"))
    server = serve_portal(templates, directory, prepare=open_call, settings={"KIPNET_MAX_DOCUMENT_MB": "1"})
    try:
        yield server
    finally:
        server.stop()


async def start_application(visitor: Visitor, title: str) -> str:
    """A new draft under the open call, started through the portal; its path."""
    await visitor.sign_in(Role.APPLICANT.value)
    await visitor.follow(visitor.t("Apply to “%(title)s”") % {"title": CALL_TITLE})
    await visitor.fill("Project title", title)
    await visitor.fill("First day of the project", "1.1.2026")
    await visitor.fill("Last day of the project", "31.12.2026")
    await visitor.press("Start the application")
    return "/".join(visitor.path.split("/")[:3])


async def attach(visitor: Visitor, kind: str, name: str, data: bytes) -> None:
    """Choose the kind, pick the file and press the form's button."""
    await visitor.choose("What is the document?", visitor.t(kind))
    field = visitor.page.get_by_label(visitor.t("Upload a file"), exact=True)
    await field.set_input_files({"name": name, "mimeType": "application/pdf", "buffer": data})
    await visitor.press("Attach the document")


@pytest.mark.parametrize(
    ("language", "width"), [("de", 1024), ("de", 360), ("fr", 360), ("it", 1024), ("en", 360)]
)
async def test_an_applicant_attaches_a_file_sees_a_refusal_and_removes_it(
    open_visitor: OpenVisitor, language: str, width: int
) -> None:
    # given an applicant's new draft, on its Documents section (reached from the section list)
    visitor = await open_visitor(language, width=width)
    base = await start_application(visitor, f"Dokumente {language} {width}")
    await visitor.follow("Documents")
    empty = (visitor.path, await visitor.heading())
    # when a PDF is attached as the detailed budget
    await attach(visitor, "Detailed budget", "Budget 2026.pdf", PDF)
    listed = await visitor.table(visitor.t("Attached documents"))
    # and a program renamed to .pdf is tried
    await attach(visitor, "Statutes", "statuten.pdf", EXE)
    refused = (await visitor.problems(), await visitor.field_errors("Upload a file"))
    targets = await visitor.problem_targets()
    # and the PDF is removed with its own button
    remove = f"{visitor.t('Remove')} Budget 2026.pdf"
    async with visitor.page.expect_navigation():
        await visitor.page.get_by_role("button", name=remove, exact=True).click()
    await visitor.arrived()
    # then each page came back as it should
    assert empty == (f"{base}/documents", visitor.t("Documents"))
    assert [(row[0], row[1].splitlines()[0]) for row in listed[1:]] == [
        (visitor.t("Detailed budget"), "Budget 2026.pdf")
    ]
    assert len(refused[0]) == 1
    assert refused[1] == refused[0]
    assert targets == ["#f-file"]
    assert await visitor.page.locator("#documents-none").inner_text() == visitor.t("No documents attached.")


async def test_a_file_is_attached_without_javascript_under_the_real_policy(open_visitor: OpenVisitor) -> None:
    # given a browser without JavaScript that enforces the content security policy
    visitor = await open_visitor("de", javascript=False, enforce_csp=True)
    await start_application(visitor, "Dokumente ohne Skript")
    await visitor.follow("Documents")
    # when a PDF is attached with the plain form
    await attach(visitor, "Project description", "Beschreibung.pdf", PDF)
    # then it is listed (and the console heard no refusal of the policy on the way)
    listed = await visitor.table(visitor.t("Attached documents"))
    assert [row[1].splitlines()[0] for row in listed[1:]] == ["Beschreibung.pdf"]


@pytest.mark.parametrize("size", [3 * 512 * 1024, 3 * 1024 * 1024])
async def test_a_file_too_large_is_refused_at_the_file_field(open_visitor: OpenVisitor, size: int) -> None:
    # given the Documents section of a draft, on a portal taking files up to 1 MB
    visitor = await open_visitor("fr", width=360)
    await start_application(visitor, f"Trop grand {size}")
    await visitor.follow("Documents")
    # when a file of 1.5 MB (refused while it streams) or 3 MB (refused as announced) is attached
    await attach(visitor, "Other document", "gros.pdf", PDF + b"0" * size)
    # then the page says so at the file field, and nothing is listed
    assert await visitor.field_errors("Upload a file") == [
        visitor.t("The selected file must be smaller than %(size)s MB") % {"size": 1}
    ]
    assert await visitor.page.locator("#documents-none").count() == 1
