"""The portal's pure parts for documents: sizes in each language, links on any address, which paths are
upload routes, and what stops an upload before the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema.base.uploads import Multipart, ReceivedFile, UploadRefused
from web import i18n
from web.app import upload_paths
from web.applications.documents import attach_problems
from web.uploads import PortalUpload

PDF_FILE = ReceivedFile(path=Path("/tmp/x"), size=10, sha256="0" * 64, filename="a.pdf", declared_type=None)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("de", ["500 Byte", "2 kB", "1.4 MB", "20 MB"]),
        ("fr", ["500\u202fo", "2\u202fko", "1,4\u202fMo", "20\u202fMo"]),
        ("it", ["500 byte", "2 kB", "1.4 MB", "20 MB"]),
        ("en", ["500 byte", "2 kB", "1.4 MB", "20 MB"]),
    ],
)
def test_file_sizes_are_written_as_each_language_writes_them(language: str, written: list[str]) -> None:
    token = i18n.current_language.set(language)
    try:
        assert [i18n.file_size(n) for n in (500, 2048, 1_500_000, 20 * 1024 * 1024)] == written
    finally:
        i18n.current_language.reset(token)


def test_a_download_link_keeps_the_path_of_the_apis_absolute_url() -> None:
    assert i18n.url_path("https://kipnet.example/documents/RG9jdW1lbnQ6MQ==") == "/documents/RG9jdW1lbnQ6MQ=="


def test_only_the_document_pages_are_upload_routes() -> None:
    paths = upload_paths()
    assert [
        paths(path)
        for path in ("/applications/KIP-2026-0001/documents", "/applications/KIP-2026-0001/reports/documents")
    ] == [True, True]
    assert [
        paths(path)
        for path in (
            "/applications/KIP-2026-0001/project",
            "/sign-in",
            "/applications/a/b/documents",
            "/graphql",
        )
    ] == [False] * 4


def test_an_upload_needs_a_kind_and_a_file_and_a_body_too_large_says_the_limit() -> None:
    empty = PortalUpload(form=Multipart(fields={"kind": [""]}))
    chosen = PortalUpload(form=Multipart(fields={"kind": ["BUDGET"]}, files={"file": PDF_FILE}))
    generated = PortalUpload(form=Multipart(fields={"kind": ["DECISION_LETTER"]}, files={"file": PDF_FILE}))
    too_large = PortalUpload(
        form=None, refused=UploadRefused(413, "BODY_TOO_LARGE", "A file may be at most 20 MB")
    )
    token = i18n.current_language.set("en")
    try:
        assert [p.path for p in attach_problems(empty, limit=20)[1]] == [("input", "kind"), ("input", "file")]
        assert attach_problems(chosen, limit=20) == ({"kind": "BUDGET"}, [])
        assert [p.path for p in attach_problems(generated, limit=20)[1]] == [("input", "kind")]
        assert [p.message for p in attach_problems(too_large, limit=20)[1]] == [
            "The selected file must be smaller than 20 MB"
        ]
    finally:
        i18n.current_language.reset(token)
