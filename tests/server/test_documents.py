"""Documents over HTTP through the real app: multipart upload (the GraphQL multipart request spec), download,
refusals by content and size (while the body streams), visibility (404), frozen after submission."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from grants import accounts
from grants.applications import create_application
from grants.models import Application, AuditRecord, Document, Role, User
from grants.storage.local import LocalStore
from grants.submission import submit_application
from schema.base.node import to_global_id
from server.app import create_app
from server.backup import documents_hint
from server.settings import Settings
from tests import document_samples as samples
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

ATTACH = """
mutation Attach($input: AttachDocumentInput!) {
  attachDocument(input: $input) {
    document { id kind filename contentType size sha256 downloadUrl }
    errors { field code message }
  }
}
"""
REMOVE = """
mutation Remove($input: RemoveDocumentInput!) {
  removeDocument(input: $input) { document { id } errors { field code message } }
}
"""
DOCUMENTS = """
query Documents($id: ID!) {
  node(id: $id) { ... on Application { documents { filename kind } decisionLetter { id } } }
}
"""
BOUNDARY = "kipnet-upload-boundary"
MB = 1024 * 1024


def spec_body(application_id: int, data: bytes, filename: str, kind: str = "PROJECT_DESCRIPTION") -> bytes:
    """A GraphQL multipart request: operations, map, then the file (graphql-multipart-request-spec)."""
    operations = {
        "query": ATTACH,
        "variables": {
            "input": {"application": to_global_id("Application", application_id), "kind": kind, "file": None}
        },
    }
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{json.dumps(operations)}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        '{"0": ["variables.input.file"]}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode()


HEADERS = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "documents")


@pytest.fixture
def spool(tmp_path: Path, monkeypatch) -> Path:
    """Where uploads are spooled during the test (to see that nothing is left behind)."""
    directory = tmp_path / "spool"
    directory.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(directory))
    return directory


def app_client(settings: Settings, store: LocalStore) -> httpx.AsyncClient:
    app = create_app(settings, manage_database=False, store=store)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test")


@pytest.fixture
async def http(store) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(Settings(public_url=PUBLIC_URL), store) as client:
        yield client


async def draft(slug: str = "verein-a") -> tuple[str, Application]:
    funding_call = await factories.call()
    await factories.organisation(slug)
    applicant = await factories.user(Role.APPLICANT, email=f"{slug}@example.org", organisation=slug)
    application = await create_application(actor=applicant, values=application_values(funding_call), now=NOW)
    return await token_of(applicant.email), application


async def token_of(email: str) -> str:
    token, _ = await accounts.login(email=email, password=factories.PASSWORD, secret=Settings().secret_key)
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def upload(
    http: httpx.AsyncClient,
    token: str,
    application: Application,
    data: bytes,
    filename: str = "Projekt.pdf",
    kind: str = "PROJECT_DESCRIPTION",
) -> dict[str, Any]:
    response = await http.post(
        "/graphql", content=spec_body(application.id, data, filename, kind), headers=HEADERS | bearer(token)
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()["data"]["attachDocument"]
    return answer


async def test_a_pdf_uploaded_by_multipart_downloads_byte_for_byte(seeded_db, http, store, spool):
    token, application = await draft()
    # when
    payload = await upload(http, token, application, samples.PDF, "Projekt Übersicht.pdf")
    # then
    document = payload["document"]
    sha = hashlib.sha256(samples.PDF).hexdigest()
    assert payload["errors"] == []
    assert {k: v for k, v in document.items() if k not in ("id", "downloadUrl")} == {
        "kind": "PROJECT_DESCRIPTION",
        "filename": "Projekt Übersicht.pdf",
        "contentType": "application/pdf",
        "size": len(samples.PDF),
        "sha256": sha,
    }
    assert document["downloadUrl"] == f"{PUBLIC_URL}/documents/{document['id']}"
    assert os.listdir(spool) == []
    # and the bytes come back with safe headers
    response = await http.get(f"/documents/{document['id']}", headers=bearer(token))
    assert response.status_code == 200
    assert response.content == samples.PDF
    assert {
        name: response.headers[name]
        for name in (
            "content-type",
            "content-disposition",
            "x-content-type-options",
            "cache-control",
            "content-length",
        )
    } == {
        "content-type": "application/pdf",
        "content-disposition": "attachment; filename=\"Projekt Ubersicht.pdf\"; filename*=UTF-8''Projekt%20%C3%9Cbersicht.pdf",
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        "content-length": str(len(samples.PDF)),
    }
    # and the application lists it
    listed = await http.post(
        "/graphql",
        json={"query": DOCUMENTS, "variables": {"id": to_global_id("Application", application.id)}},
        headers=bearer(token),
    )
    assert listed.json() == {
        "data": {
            "node": {
                "documents": [{"filename": "Projekt Übersicht.pdf", "kind": "PROJECT_DESCRIPTION"}],
                "decisionLetter": None,
            }
        }
    }


async def test_a_renamed_executable_is_refused_and_nothing_is_stored(seeded_db, http, store, spool):
    token, application = await draft()
    audits = await AuditRecord.all().count()
    # when
    payload = await upload(http, token, application, samples.EXE, "Budget.pdf", kind="BUDGET")
    # then
    assert payload == {
        "document": None,
        "errors": [
            {
                "field": ["input", "file"],
                "code": "INVALID",
                "message": "Files of type exe are not accepted; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT",
            }
        ],
    }
    assert (await Document.all().count(), await AuditRecord.all().count()) == (0, audits)
    assert not (store.root).exists() or list(store.root.rglob("*")) == []
    assert os.listdir(spool) == []


async def test_an_oversized_file_is_refused_while_it_streams(seeded_db, http, store, spool):
    # given: a body that would send 25 MB (limit 20 MB), with no Content-Length to announce it
    token, application = await draft()
    whole = spec_body(application.id, b"%PDF-1.4\n" + b"0" * (25 * MB), "gross.pdf")
    sent = 0

    async def trickle() -> AsyncIterator[bytes]:
        nonlocal sent
        for start in range(0, len(whole), 64 * 1024):
            sent += min(64 * 1024, len(whole) - start)
            yield whole[start : start + 64 * 1024]

    # when
    response = await http.post("/graphql", content=trickle(), headers=HEADERS | bearer(token))
    # then: refused as soon as the file passed 20 MB, the rest never read, nothing kept
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == "A file may be at most 20 MB"
    assert 20 * MB < sent < 20 * MB + 256 * 1024
    assert await Document.all().count() == 0
    assert os.listdir(spool) == []


async def test_an_announced_oversized_body_is_refused_before_it_is_read(seeded_db, http, spool):
    token, application = await draft()
    body = spec_body(application.id, samples.PDF, "a.pdf")
    response = await http.post(
        "/graphql",
        content=body,
        headers=HEADERS | bearer(token) | {"Content-Length": str(25 * MB)},
    )
    assert response.status_code == 413


async def test_the_application_total_is_refused(seeded_db, store, spool):
    settings = Settings(public_url=PUBLIC_URL, max_document_mb=1, max_application_documents_mb=1)
    async with app_client(settings, store) as http:
        token, application = await draft()
        first = await upload(http, token, application, b"%PDF-1.4\n" + b"1" * (700 * 1024), "a.pdf")
        second = await upload(http, token, application, b"%PDF-1.4\n" + b"2" * (400 * 1024), "b.pdf")
    assert first["errors"] == []
    assert second == {
        "document": None,
        "errors": [
            {
                "field": ["input", "file"],
                "code": "INVALID",
                "message": "The documents of an application may together be at most 1 MB; 0.3 MB are left",
            }
        ],
    }
    assert await Document.all().count() == 1


async def test_anonymous_and_foreign_downloads_are_404(seeded_db, http, store):
    token, application = await draft()
    document = (await upload(http, token, application, samples.PDF))["document"]
    foreign, _ = await draft("verein-b")
    path = f"/documents/{document['id']}"
    answers = [
        (await http.get(path)).status_code,
        (await http.get(path, headers=bearer(foreign))).status_code,
        (await http.get("/documents/not-an-id", headers=bearer(token))).status_code,
        (await http.get(f"/documents/{to_global_id('Document', 999)}", headers=bearer(token))).status_code,
        (await http.get(path, headers=bearer(token))).status_code,
    ]
    assert answers == [404, 404, 404, 404, 200]


async def test_the_portal_session_cookie_downloads_too(seeded_db, http, store):
    token, application = await draft()
    document = (await upload(http, token, application, samples.PNG, "logo.png"))["document"]
    http.cookies.set("kipnet_session", token)
    response = await http.get(f"/documents/{document['id']}")
    assert (response.status_code, response.headers["content-type"], response.content) == (
        200,
        "image/png",
        samples.PNG,
    )


async def test_removal_after_submission_is_refused(seeded_db, http, store):
    token, application = await draft()
    document = (await upload(http, token, application, samples.PDF))["document"]
    applicant = await User.get(email="verein-a@example.org")
    await submit_application(
        actor=applicant, application_id=application.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    audits = await AuditRecord.all().count()
    # when
    response = await http.post(
        "/graphql",
        json={"query": REMOVE, "variables": {"input": {"id": document["id"]}}},
        headers=bearer(token),
    )
    # then
    assert response.json()["data"]["removeDocument"] == {
        "document": None,
        "errors": [
            {
                "field": ["input", "id"],
                "code": "INVALID_TRANSITION",
                "message": "Documents of an application that is SUBMITTED cannot be changed",
            }
        ],
    }
    assert (await Document.all().count(), await AuditRecord.all().count()) == (1, audits)
    assert await store.has(document["sha256"])


async def test_removal_while_a_draft_deletes_the_row_and_the_blob(seeded_db, http, store):
    token, application = await draft()
    document = (await upload(http, token, application, samples.PDF))["document"]
    response = await http.post(
        "/graphql",
        json={"query": REMOVE, "variables": {"input": {"id": document["id"]}}},
        headers=bearer(token),
    )
    assert response.json()["data"]["removeDocument"] == {"document": {"id": document["id"]}, "errors": []}
    assert await Document.all().count() == 0
    assert not await store.has(document["sha256"])
    assert (await http.get(f"/documents/{document['id']}", headers=bearer(token))).status_code == 404


async def test_an_upload_is_not_a_value(seeded_db, http):
    token, application = await draft()
    response = await http.post(
        "/graphql",
        json={
            "query": ATTACH,
            "variables": {
                "input": {
                    "application": to_global_id("Application", application.id),
                    "kind": "OTHER",
                    "file": "%PDF-1.4",
                }
            },
        },
        headers=bearer(token),
    )
    assert response.status_code == 200
    assert "multipart" in response.json()["errors"][0]["message"]
    assert await Document.all().count() == 0


def test_the_backup_says_how_to_keep_documents_in_object_storage():
    assert documents_hint("s3://kipnet-documents/bl") == (
        "documents are in s3://kipnet-documents/bl, not in the database: keep that bucket versioned or "
        "replicated (a stored file never changes and is deleted only when no document names it)"
    )


async def test_staff_download_documents_of_submitted_applications(seeded_db, http, store):
    token, application = await draft()
    document = (await upload(http, token, application, samples.PDF))["document"]
    reviewer = await factories.user(Role.REVIEWER, email="reviewer@example.org")
    staff = await token_of(reviewer.email)
    before = (await http.get(f"/documents/{document['id']}", headers=bearer(staff))).status_code
    await submit_application(
        actor=await User.get(email="verein-a@example.org"),
        application_id=application.id,
        message=None,
        now=NOW,
        public_url=PUBLIC_URL,
    )
    after = await http.get(f"/documents/{document['id']}", headers=bearer(staff))
    assert (before, after.status_code, after.content) == (404, 200, samples.PDF)


async def test_an_upload_that_stalls_is_answered_408_and_leaves_nothing(seeded_db, store, spool):
    settings = Settings(public_url=PUBLIC_URL, body_timeout_seconds=1)
    async with app_client(settings, store) as http:
        token, application = await draft()
        whole = spec_body(application.id, samples.PDF, "a.pdf")

        async def stall() -> AsyncIterator[bytes]:
            yield whole[: len(whole) // 2]
            await asyncio.sleep(3)
            yield whole[len(whole) // 2 :]

        response = await http.post("/graphql", content=stall(), headers=HEADERS | bearer(token))
    assert response.status_code == 408
    assert await Document.all().count() == 0
    assert os.listdir(spool) == []
