"""Documents over HTTP with their bytes in S3-compatible storage (a real moto S3 server): the app opens
the store from its settings, an upload lands in the bucket under its SHA-256, the download streams it
back, and removing the last document that names it deletes the object."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest

from grants.storage import s3_location
from server.app import create_app
from server.settings import Settings
from tests import document_samples as samples
from tests.factories import PUBLIC_URL
from tests.s3 import S3Server, s3_server
from tests.server.test_documents import REMOVE, bearer, draft, upload

__all__ = ["s3_server"]  # the fixture, used by name


@pytest.fixture
def storage_url(s3_server: S3Server) -> str:
    return s3_server.storage_url("kipnet/documents")


@pytest.fixture
async def http(s3_server: S3Server, storage_url: str) -> AsyncIterator[httpx.AsyncClient]:
    # the store is not handed in: the app opens it from KIPNET_STORAGE_URL and KIPNET_S3_* settings
    settings = Settings(public_url=PUBLIC_URL, storage_url=storage_url, s3=s3_server.access)
    app = create_app(settings, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kipnet.test"
    ) as client:
        yield client


def objects(s3_server: S3Server, storage_url: str) -> list[str]:
    """The keys in the test's bucket."""
    bucket, _ = s3_location(storage_url)
    listed = s3_server.client().list_objects_v2(Bucket=bucket)
    return [item["Key"] for item in listed.get("Contents", [])]


async def test_an_upload_goes_to_the_bucket_and_comes_back_byte_for_byte(
    seeded_db, http, s3_server, storage_url
):
    # given an applicant's draft; when a PDF is attached through the GraphQL multipart request
    token, application = await draft()
    payload = await upload(http, token, application, samples.PDF, "Budget 2027.pdf", kind="BUDGET")
    assert payload["errors"] == []
    # then the bucket holds one object under the file's SHA-256, fanned out by its first bytes
    digest = hashlib.sha256(samples.PDF).hexdigest()
    assert objects(s3_server, storage_url) == [f"kipnet/documents/{digest[:2]}/{digest[2:4]}/{digest}"]
    # and the download streams the same bytes back with the download headers
    document_id = payload["document"]["id"]
    response = await http.get(f"/documents/{document_id}", headers=bearer(token))
    assert (response.status_code, response.content) == (200, samples.PDF)
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('attachment; filename="Budget 2027.pdf"')
    # when the applicant removes it while the application is a draft
    removed = await http.post(
        "/graphql",
        json={"query": REMOVE, "variables": {"input": {"id": document_id}}},
        headers=bearer(token),
    )
    # then the object goes with it, and the download is a 404
    assert removed.json()["data"]["removeDocument"]["errors"] == []
    assert objects(s3_server, storage_url) == []
    assert (await http.get(f"/documents/{document_id}", headers=bearer(token))).status_code == 404


async def test_a_refused_file_leaves_the_bucket_empty(seeded_db, http, s3_server, storage_url):
    token, application = await draft()
    payload = await upload(http, token, application, samples.EXE, "Budget.pdf")
    assert payload["document"] is None
    assert objects(s3_server, storage_url) == []
