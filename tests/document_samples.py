"""Small real files of every kind a document may be (and some it may not), built in memory."""

from __future__ import annotations

import base64
import io
import zipfile

#: A one-page PDF a reader opens (header, catalog, pages, page, xref, trailer).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)
#: A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
#: The start of a JFIF JPEG (SOI, APP0 JFIF) and its end.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"
#: A Windows program's start ("MZ", then the DOS stub's header) and a Linux one's.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
CSV_TEXT = b"Name;Betrag\nMiete;12000\nKursleitung;30000\n"
TEXT = "Zürich, Genève, Lugano — ça va\n".encode()


def zipped(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    """A ZIP of `members` (the one named `stored_first` first and uncompressed, as ODF wants mimetype)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(stored_first, members[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)
DOCX = zipped({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"})
DOCM = zipped(
    {
        "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        "word/document.xml": b"<w:document/>",
    }
)
ODT = zipped(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
    stored_first="mimetype",
)
ODS = zipped(
    {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<office:document-content/>",
    },
    stored_first="mimetype",
)
PLAIN_ZIP = zipped({"readme.txt": b"hello", "tool.exe": EXE})


def claiming(archive: bytes, member: str, size: int) -> bytes:
    """`archive` with its central directory claiming that `member` unpacks to `size` bytes (a bomb's
    header, without spending seconds compressing hundreds of megabytes of zeros)."""
    entry = archive.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(archive[entry + 28 : entry + 30], "little")
        if archive[entry + 46 : entry + 46 + name_length] == member.encode():
            break
        entry = archive.index(b"PK\x01\x02", entry + 4)
    return archive[: entry + 24] + size.to_bytes(4, "little") + archive[entry + 28 :]


#: A DOCX whose document claims to unpack to 4 GB: a zip bomb's shape.
BOMB = claiming(DOCX, "word/document.xml", 4_000_000_000)
