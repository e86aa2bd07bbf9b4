"""What a file is, judged from its bytes alone: never from its name or the type its sender declared.

Accepted are the formats an office uses: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS and plain text (CSV or
TXT). Magic numbers come from `filetype`; office documents are ZIP files, told apart from a plain ZIP by
their members (`[Content_Types].xml` with `word/` or `xl/`; ODF's `mimetype` member). Text must be
UTF-8 without NUL bytes, and must not be markup (HTML, SVG, XML) or a script: a browser or another
program could run those. Nothing here writes anything; a refusal is a DomainError on the `file` field.
"""

from __future__ import annotations

import codecs
import zipfile
from typing import BinaryIO

import filetype  # type: ignore[import-untyped]

from grants.errors import DomainError, ErrorCode

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
CSV = "text/csv"
TXT = "text/plain"

#: The extension a download of each accepted type carries.
EXTENSIONS = {
    PDF: "pdf",
    PNG: "png",
    JPEG: "jpg",
    DOCX: "docx",
    XLSX: "xlsx",
    ODT: "odt",
    ODS: "ods",
    CSV: "csv",
    TXT: "txt",
}
#: Other extensions people give the same types (kept when the name has them).
ALSO = {JPEG: ("jpeg", "jpe"), TXT: ("text",)}
_BY_MAGIC = {PDF, PNG, JPEG}
_ZIP = b"PK\x03\x04"
#: How much of the start the magic numbers are looked for in (filetype reads no more).
HEAD_BYTES = 8192
#: A ZIP claiming to unpack to more than this (or with more members) is refused: a zip bomb, or no
#: document anyone writes by hand. Nothing is unpacked to judge it, but whoever opens it later would.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 10_000
_ODF = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
# Markup and scripts are active content in a browser or a shell, whatever the extension says.
_ACTIVE_STARTS = (b"<", b"#!")
_TEXT_CHUNK = 64 * 1024


def _problem(template: str, **params: str) -> DomainError:
    return DomainError.single(ErrorCode.INVALID, template, ("file",), **params)


def judge(stream: BinaryIO, *, filename: str) -> str:
    """The content type of the file in `stream` (read from its start), or an INVALID refusal.

    `filename` matters only among text types: a text named *.csv is CSV, any other text is TXT.
    """
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    if not head:
        raise _problem("The file is empty")
    if head.startswith(_ZIP):
        return _zipped(stream)
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime in _BY_MAGIC:
            return str(kind.mime)
        raise _problem(
            "Files of type {kind} are not accepted; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT",
            kind=kind.extension,
        )
    if head.startswith((b"MZ", b"\x7fELF")):
        raise _problem("Programs are not accepted; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT")
    return _text(stream, filename)


def _zipped(stream: BinaryIO) -> str:
    """DOCX, XLSX, ODT or ODS by the archive's members; any other ZIP is refused."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
                raise _problem("The archive unpacks to too much to be a document")
            names = {member.filename for member in members}
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    declared = member.read(100).strip()
                if declared in _ODF:
                    return _ODF[declared]
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as member:
                    types = member.read(1024 * 1024)
                if b"macroEnabled" in types:
                    raise _problem("Office documents with macros are not accepted; save it without macros")
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, KeyError):
        raise _problem(
            "The file is a damaged archive; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT"
        ) from None
    raise _problem("Archives (ZIP) are not accepted; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT")


def _text(stream: BinaryIO, filename: str) -> str:
    """CSV or TXT when the whole file is UTF-8 text without NUL bytes and not markup or a script."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    start = b""
    try:
        while chunk := stream.read(_TEXT_CHUNK):
            if b"\0" in chunk:
                raise _problem(
                    "The file is not text and not of an accepted type"
                    "; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT"
                )
            if len(start) < 256:
                start += chunk[:256]
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _problem(
            "Text files must be UTF-8 (save it as UTF-8, or as PDF)"
            "; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT"
        ) from None
    if start.removeprefix(codecs.BOM_UTF8).lstrip().startswith(_ACTIVE_STARTS):
        raise _problem(
            "Web pages, images in SVG, XML and scripts are not accepted"
            "; send PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT"
        )
    return CSV if filename.lower().rstrip(". ").endswith(".csv") else TXT
