"""The streaming multipart reader: files counted and hashed as they come, refused at the limit, cleaned up."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from schema.base.uploads import UploadLimits, UploadRefused, read_multipart

BOUNDARY = "kipnet-test-boundary"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def part(name: str, data: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    kind = "Content-Type: application/pdf\r\n" if filename else ""
    return f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n".encode() + data + b"\r\n"


def body(*parts: bytes) -> bytes:
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


class Chunks:
    """A body handed out in chunks, counting how many were taken."""

    def __init__(self, data: bytes, size: int = 64 * 1024) -> None:
        self.pieces = [data[i : i + size] for i in range(0, len(data), size)]
        self.taken = 0

    async def __aiter__(self):
        for piece in self.pieces:
            self.taken += 1
            yield piece


async def test_fields_and_files_arrive_counted_and_hashed():
    data = b"%PDF-1.4 " + bytes(range(256)) * 1000
    chunks = Chunks(
        body(part("operations", b'{"query":"{x}"}'), part("map", b"{}"), part("0", data, "a/b.pdf"))
    )
    async with read_multipart(chunks, content_type=CONTENT_TYPE, limits=UploadLimits()) as form:
        received = form.files["0"]
        assert (form.field("operations"), form.field("map")) == ('{"query":"{x}"}', "{}")
        assert (received.size, received.sha256, received.filename, received.declared_type) == (
            len(data),
            hashlib.sha256(data).hexdigest(),
            "a/b.pdf",
            "application/pdf",
        )
        assert received.path.read_bytes() == data
        path = received.path
    assert not path.exists()


async def test_a_file_over_the_limit_is_refused_before_the_body_is_read_whole(tmp_path: Path, monkeypatch):
    # given: a 5 MB file against a 1 MB limit, in 64 KB chunks
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    chunks = Chunks(body(part("0", b"x" * (5 * 1024 * 1024), "big.pdf")))
    # when
    with pytest.raises(UploadRefused) as caught:
        async with read_multipart(
            chunks, content_type=CONTENT_TYPE, limits=UploadLimits(max_file_bytes=1024 * 1024)
        ):
            pass
    # then: refused with 413 after about 1 MB, and no temporary file is left
    assert (caught.value.status, caught.value.message) == (413, "A file may be at most 1 MB")
    assert chunks.taken == 17
    assert os.listdir(tmp_path) == []


async def test_text_fields_have_their_own_limit():
    chunks = Chunks(body(part("operations", b"x" * 2000)))
    with pytest.raises(UploadRefused) as caught:
        async with read_multipart(
            chunks, content_type=CONTENT_TYPE, limits=UploadLimits(max_field_bytes=1000)
        ):
            pass
    assert (caught.value.status, caught.value.message) == (413, "The text fields may be at most 1000 bytes")


async def test_too_many_files_are_refused():
    chunks = Chunks(body(*(part(str(i), b"x", f"{i}.txt") for i in range(3))))
    with pytest.raises(UploadRefused) as caught:
        async with read_multipart(chunks, content_type=CONTENT_TYPE, limits=UploadLimits(max_files=2)):
            pass
    assert caught.value.message == "A request may hold at most 2 files"


async def test_a_body_cut_off_inside_a_file_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    cut = body(part("0", b"y" * 1000, "a.pdf"))[:500]
    with pytest.raises(UploadRefused) as caught:
        async with read_multipart(Chunks(cut), content_type=CONTENT_TYPE, limits=UploadLimits()):
            pass
    assert (caught.value.status, caught.value.message) == (
        400,
        "The multipart body ends in the middle of a file",
    )
    assert os.listdir(tmp_path) == []


async def test_a_content_type_without_boundary_is_refused():
    with pytest.raises(UploadRefused) as caught:
        async with read_multipart(Chunks(b""), content_type="multipart/form-data", limits=UploadLimits()):
            pass
    assert (caught.value.status, caught.value.message) == (400, "Send multipart/form-data with a boundary")
