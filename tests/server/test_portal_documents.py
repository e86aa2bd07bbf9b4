"""The Documents section of the portal over HTTP: a form with a file, streamed and token-checked by the
portal's guard, attached through `attachDocument`, listed, downloaded, removed, frozen once submitted."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from grants.models import (
    Application,
    ApplicationStatus,
    Document,
    Role,
)
from grants.storage.local import LocalStore
from server.app import create_app
from server.settings import Settings
from tests import factories
from tests.document_samples import EXE, PDF
from tests.factories import PASSWORD
from tests.server.test_portal_applicant import BASE, NOW, applicant, drafted
from tests.web.portal import csrf_of, sign_in

pytestmark = pytest.mark.postgres

DOCUMENTS = f"{BASE}/documents"
DOWNLOAD_LINK = re.compile(r'<a class="document-name" href="(/documents/[^"]+)" download>([^<]+)</a>')
DOCUMENT_ID = re.compile(r'name="document" value="([^"]+)"')


@pytest.fixture
def blobs(tmp_path: Path) -> Path:
    return tmp_path / "blobs"


def portal(blobs: Path, settings: Settings | None = None) -> httpx.AsyncClient:
    """A browser-like client of an app keeping documents in `blobs`."""
    app = create_app(
        settings or Settings(), manage_database=False, clock=lambda: NOW, store=LocalStore(blobs)
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test")


@pytest.fixture
async def http(blobs: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with portal(blobs) as client:
        yield client


async def upload(
    http: httpx.AsyncClient, name: str, data: bytes, *, kind: str = "BUDGET", token: str | None = None
) -> httpx.Response:
    """Post the Documents form with a file, as a browser does (multipart/form-data)."""
    if token is None:
        token = csrf_of((await http.get(DOCUMENTS)).text)
    return await http.post(
        DOCUMENTS,
        data={"csrf_token": token, "kind": kind},
        files={"file": (name, data, "application/pdf")},
    )


def stored(blobs: Path) -> list[Path]:
    """Every file in the document store."""
    return [path for path in blobs.rglob("*") if path.is_file()] if blobs.exists() else []


async def submitted() -> None:
    """The application submitted (in the database: its other sections do not matter here)."""
    await Application.filter(reference="KIP-2026-0001").update(
        status=ApplicationStatus.SUBMITTED, submitted_at=NOW
    )


async def test_a_pdf_is_attached_listed_downloaded_and_removed(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given an applicant's draft
    await applicant(http)
    await drafted(http)
    # when the lead attaches a PDF through the form
    attached = await upload(http, "Budget 2026.pdf", PDF)
    # then it is listed with its kind, size and a link that downloads the same bytes
    assert (attached.status_code, attached.headers["location"]) == (303, f"{DOCUMENTS}?done=attached")
    page = await http.get(attached.headers["location"])
    assert "Das Dokument wurde angehängt." in page.text
    [(link, filename)] = DOWNLOAD_LINK.findall(page.text)
    assert filename == "Budget 2026.pdf"
    assert "Detailliertes Budget" in page.text
    download = await http.get(link)
    assert (download.status_code, download.content, download.headers["content-type"]) == (
        200,
        PDF,
        "application/pdf",
    )
    assert len(stored(blobs)) == 1
    # and the check page lists it too
    assert "Budget 2026.pdf" in (await http.get(f"{BASE}/check")).text
    # when the lead removes it
    [document_id] = DOCUMENT_ID.findall(page.text)
    removed = await http.post(
        f"{DOCUMENTS}/remove", data={"csrf_token": csrf_of(page.text), "document": document_id}
    )
    # then it is gone, its bytes too
    assert (removed.status_code, removed.headers["location"]) == (303, f"{DOCUMENTS}?done=removed")
    assert await Document.all().count() == 0
    assert stored(blobs) == []


async def test_a_renamed_program_is_refused_at_the_file_field_and_nothing_is_stored(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given an applicant's draft
    await applicant(http)
    await drafted(http)
    # when the lead uploads a program renamed to .pdf
    refused = await upload(http, "budget.pdf", EXE)
    # then the page shows the API's refusal at the file field, keeps the kind, and nothing is stored
    assert refused.status_code == 400
    assert 'class="error-summary"' in refused.text
    assert 'href="#f-file"' in refused.text
    assert 'id="f-file-error"' in refused.text
    assert '<option value="BUDGET" selected>' in refused.text
    assert (await Document.all().count(), stored(blobs)) == (0, [])


async def test_a_form_without_kind_or_file_is_refused_before_the_api(
    seeded_db: str, http: httpx.AsyncClient
) -> None:
    await applicant(http)
    await drafted(http)
    token = csrf_of((await http.get(DOCUMENTS)).text)
    refused = await http.post(
        DOCUMENTS,
        data={"csrf_token": token, "kind": ""},
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert refused.status_code == 400
    assert "Wählen Sie aus, was das Dokument ist" in refused.text
    assert "Wählen Sie eine Datei aus" in refused.text
    assert await Document.all().count() == 0


@pytest.mark.parametrize("size", [3 * 512 * 1024, 5 * 1024 * 1024])
async def test_a_file_over_the_limit_is_refused_at_the_file_field(
    seeded_db: str, blobs: Path, size: int
) -> None:
    # given a portal taking files up to 1 MB (and bodies up to 2 MB)
    async with portal(blobs, Settings(max_document_mb=1)) as http:
        await applicant(http)
        await drafted(http)
        # when a 1.5 MB file is posted (refused while it streams), or 5 MB (refused as announced)
        refused = await upload(http, "big.pdf", PDF + b"0" * size)
    # then the page says so at the file field and nothing is stored
    assert refused.status_code == 413
    assert "Die ausgewählte Datei muss kleiner als 1 MB sein" in refused.text
    assert (await Document.all().count(), stored(blobs)) == (0, [])


@pytest.mark.parametrize("token", ["", "forged"])
async def test_an_upload_without_the_browsers_token_is_refused_and_stores_nothing(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path, token: str
) -> None:
    await applicant(http)
    await drafted(http)
    refused = await upload(http, "budget.pdf", PDF, token=token)
    assert refused.status_code == 403
    assert (await Document.all().count(), stored(blobs)) == (0, [])


async def test_a_form_with_a_file_to_any_other_page_is_a_400(seeded_db: str, http: httpx.AsyncClient) -> None:
    await applicant(http)
    await drafted(http)
    token = csrf_of((await http.get(f"{BASE}/project")).text)
    refused = await http.post(
        f"{BASE}/project",
        data={"csrf_token": token, "title": "Anders"},
        files={"file": ("budget.pdf", PDF, "application/pdf")},
    )
    assert refused.status_code == 400
    assert (await Application.get(reference="KIP-2026-0001")).title == "Deutsch im Quartier"


async def test_after_submission_the_section_is_frozen(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given a document attached to a draft that is then submitted
    await applicant(http)
    await drafted(http)
    page = await http.get((await upload(http, "budget.pdf", PDF)).headers["location"])
    [document_id] = DOCUMENT_ID.findall(page.text)
    await submitted()
    # when the lead opens the section
    frozen = await http.get(DOCUMENTS)
    # then it lists the document without a form or a Remove button
    assert frozen.status_code == 200
    assert "budget.pdf" in frozen.text
    assert 'enctype="multipart/form-data"' not in frozen.text
    assert 'name="document"' not in frozen.text
    # and posts made anyway (as the old page would) are refused, nothing changed
    token = csrf_of((await http.get("/account")).text)
    removal = await http.post(f"{DOCUMENTS}/remove", data={"csrf_token": token, "document": document_id})
    another = await upload(http, "other.pdf", PDF + b"%", token=token)
    assert (removal.status_code, another.status_code) == (400, 400)
    assert [d.filename for d in await Document.all()] == ["budget.pdf"]
    assert len(stored(blobs)) == 1


async def test_staff_see_the_documents_and_a_foreign_applicant_gets_404(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given a document of verein-a's application
    await applicant(http)
    await drafted(http)
    page = await http.get((await upload(http, "budget.pdf", PDF)).headers["location"])
    [(link, _)] = DOWNLOAD_LINK.findall(page.text)
    await submitted()
    async with portal(blobs) as staff:
        # when a reviewer opens the application
        await factories.user(Role.REVIEWER, email="rita@example.org")
        assert (await sign_in(staff, "rita@example.org", PASSWORD)).status_code == 303
        shown = await staff.get("/staff/applications/KIP-2026-0001")
        # then the document is listed with its download, which works for staff
        assert DOWNLOAD_LINK.findall(shown.text) == [(link, "budget.pdf")]
        assert (await staff.get(link)).content == PDF
    async with portal(blobs) as foreign:
        # and another organisation's applicant gets 404, as does an anonymous visitor
        assert (await foreign.get(link)).status_code == 404
        await applicant(foreign, "verein-b")
        assert (await foreign.get(link)).status_code == 404
        assert (await foreign.get(f"{BASE}/documents")).status_code == 404


async def test_the_overview_lists_the_documents(seeded_db: str, http: httpx.AsyncClient) -> None:
    await applicant(http)
    await drafted(http)
    await upload(http, "statuten.pdf", PDF, kind="STATUTES")
    overview = await http.get(BASE)
    assert DOWNLOAD_LINK.findall(overview.text)[0][1] == "statuten.pdf"
    assert "Statuten" in overview.text
    assert f'href="{DOCUMENTS}"' in overview.text
