"""Reading a multipart/form-data body as it streams in: files go to temporary files, counted and hashed
on the way, and the request is refused the moment a file or the whole body passes its limit.

Starlette's `request.form()` spools every file whole before anyone may look at it; this reader sees each
chunk as it arrives (python-multipart's streaming parser), so an oversized upload is cut off after the
limit plus one chunk, never read to its end. Both the API (`/graphql`, the GraphQL multipart request
spec) and the portal's upload form use it:

    async with read_multipart(request.stream(), content_type=..., limits=UploadLimits(...)) as form:
        form.fields["operations"], form.files["0"].path, .size, .sha256

Leaving the block removes the temporary files; a refusal (UploadRefused) removes them before it is raised.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """How much a multipart body may hold: per file, for its text fields together, and in files."""

    max_file_bytes: int = 20 * MEGABYTE
    #: The text parts together (a GraphQL request's `operations` and `map`, a form's fields).
    max_field_bytes: int = MEGABYTE
    max_files: int = 10
    max_fields: int = 100


class UploadRefused(Exception):
    """The body is refused: 413 when too large, 400 when malformed. Nothing of it is kept."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """One file of the body, complete on disk: how large, its SHA-256, and what its sender called it.

    The name and type are the sender's word only: judge the content from the bytes at `path`.
    """

    path: Path
    size: int
    sha256: str
    filename: str | None
    declared_type: str | None


@dataclass(slots=True)
class Multipart:
    """A body read: its text fields (each name may repeat) and its files by field name."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, ReceivedFile] = field(default_factory=dict)

    def field(self, name: str) -> str | None:
        """The first value of the text field `name`, if sent."""
        values = self.fields.get(name)
        return values[0] if values else None


@dataclass(slots=True)
class _Part:
    name: str = ""
    disposition: bytes = b""
    content_type: bytes = b""
    filename: str | None = None
    text: bytearray = field(default_factory=bytearray)
    out: BinaryIO | None = None
    path: Path | None = None
    size: int = 0
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)


class _Reader:
    """python-multipart's callbacks: headers collected, text kept in memory, files written and counted."""

    def __init__(self, limits: UploadLimits) -> None:
        self.limits = limits
        self.result = Multipart()
        self.part = _Part()
        self.header_name = b""
        self.header_value = b""
        self.field_bytes = 0
        self.field_count = 0
        self.paths: list[Path] = []

    def on_part_begin(self) -> None:
        self.part = _Part()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        name = self.header_name.lower()
        if name == b"content-disposition":
            self.part.disposition = self.header_value
        elif name == b"content-type":
            self.part.content_type = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.part.disposition)
        if b"name" not in options:
            raise UploadRefused(400, "BAD_REQUEST", "A part of the multipart body has no name")
        self.part.name = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            self.field_count += 1
            if self.field_count > self.limits.max_fields:
                raise _too_many("fields", self.limits.max_fields)
            return
        if len(self.result.files) + 1 > self.limits.max_files:
            raise _too_many("files", self.limits.max_files)
        self.part.filename = options[b"filename"].decode("utf-8", "replace")
        handle, name = tempfile.mkstemp(prefix="kipnet-upload-")
        self.part.path = Path(name)
        self.paths.append(self.part.path)
        self.part.out = os.fdopen(handle, "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        part = self.part
        if part.out is None:
            self.field_bytes += len(chunk)
            if self.field_bytes > self.limits.max_field_bytes:
                raise _too_large("The text fields", self.limits.max_field_bytes)
            part.text += chunk
            return
        part.size += len(chunk)
        if part.size > self.limits.max_file_bytes:
            raise _too_large("A file", self.limits.max_file_bytes)
        part.digest.update(chunk)
        # Written at once: a chunk is at most what the server handed over (64 KB with uvicorn), and a
        # buffered write of that goes to the page cache without waiting for the disk.
        part.out.write(chunk)

    def on_part_end(self) -> None:
        part = self.part
        if part.out is None:
            self.result.fields.setdefault(part.name, []).append(part.text.decode("utf-8", "replace"))
            return
        part.out.close()
        assert part.path is not None
        self.result.files[part.name] = ReceivedFile(
            path=part.path,
            size=part.size,
            sha256=part.digest.hexdigest(),
            filename=part.filename,
            declared_type=part.content_type.decode("latin-1") or None,
        )

    def discard(self) -> None:
        if self.part.out is not None:
            self.part.out.close()
        for path in self.paths:
            path.unlink(missing_ok=True)


def _too_large(what: str, limit: int) -> UploadRefused:
    size = f"{limit // MEGABYTE} MB" if limit % MEGABYTE == 0 else f"{limit} bytes"
    return UploadRefused(413, "BODY_TOO_LARGE", f"{what} may be at most {size}")


def _too_many(what: str, limit: int) -> UploadRefused:
    return UploadRefused(413, "BODY_TOO_LARGE", f"A request may hold at most {limit} {what}")


def boundary_of(content_type: str) -> bytes:
    """The boundary of a multipart/form-data Content-Type; UploadRefused (400) if it is not one."""
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise UploadRefused(400, "BAD_REQUEST", "Send multipart/form-data with a boundary")
    return options[b"boundary"]


@asynccontextmanager
async def read_multipart(
    chunks: AsyncIterable[bytes], *, content_type: str, limits: UploadLimits
) -> AsyncIterator[Multipart]:
    """The body in `chunks` read as multipart/form-data within `limits`; its files are removed on leaving.

    Raises UploadRefused as soon as a limit is passed or the body is malformed (nothing is kept then).
    """
    reader = _Reader(limits)
    parser = MultipartParser(
        boundary_of(content_type),
        {
            "on_part_begin": reader.on_part_begin,
            "on_part_data": reader.on_part_data,
            "on_part_end": reader.on_part_end,
            "on_header_field": reader.on_header_field,
            "on_header_value": reader.on_header_value,
            "on_header_end": reader.on_header_end,
            "on_headers_finished": reader.on_headers_finished,
        },
    )
    try:
        try:
            async for chunk in chunks:
                parser.write(chunk)
            parser.finalize()
        except FormParserError:
            raise UploadRefused(400, "BAD_REQUEST", "The multipart body is malformed") from None
        if reader.part.out is not None and not reader.part.out.closed:
            raise UploadRefused(400, "BAD_REQUEST", "The multipart body ends in the middle of a file")
        yield reader.result
    finally:
        with suppress(OSError):
            reader.discard()
