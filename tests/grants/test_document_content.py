"""What a file is, judged from its bytes: office formats accepted, programs, archives and markup refused."""

from __future__ import annotations

import io

import pytest

from grants.documents import content
from grants.errors import DomainError, ErrorCode
from tests import document_samples as samples

ACCEPTED = "PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV or TXT"


def refusal(data: bytes, filename: str = "upload.pdf") -> tuple[ErrorCode, str, tuple[str, ...]]:
    with pytest.raises(DomainError) as caught:
        content.judge(io.BytesIO(data), filename=filename)
    (problem,) = caught.value.problems
    return problem.code, problem.message, problem.field


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (samples.PDF, "antrag.pdf", "application/pdf"),
        (samples.PNG, "logo.png", "image/png"),
        (samples.JPEG, "foto.jpg", "image/jpeg"),
        (samples.DOCX, "konzept.docx", content.DOCX),
        (samples.XLSX, "budget.xlsx", content.XLSX),
        (samples.ODT, "statuten.odt", content.ODT),
        (samples.ODS, "budget.ods", content.ODS),
        (samples.CSV_TEXT, "budget.csv", "text/csv"),
        (samples.TEXT, "notiz.txt", "text/plain"),
        (b"\xef\xbb\xbf" + samples.CSV_TEXT, "budget.CSV", "text/csv"),
    ],
)
def test_office_formats_are_judged_from_their_bytes(data, filename, expected):
    # given a real file of the format; when judged; then its type
    assert content.judge(io.BytesIO(data), filename=filename) == expected


@pytest.mark.parametrize(
    ("data", "named"),
    [(samples.PDF, "bild.png"), (samples.DOCX, "tabelle.xlsx"), (samples.PNG, "brief.pdf")],
)
def test_the_name_does_not_change_the_judgement(data, named):
    # given a file under another format's name; when judged; then its content decides
    assert content.judge(io.BytesIO(data), filename=named) == content.judge(io.BytesIO(data), filename="x")


def test_a_renamed_windows_program_is_refused():
    assert refusal(samples.EXE, "budget.pdf") == (
        ErrorCode.INVALID,
        f"Files of type exe are not accepted; send {ACCEPTED}",
        ("file",),
    )


def test_a_linux_program_is_refused():
    assert refusal(samples.ELF, "bericht.txt") == (
        ErrorCode.INVALID,
        f"Files of type elf are not accepted; send {ACCEPTED}",
        ("file",),
    )


@pytest.mark.parametrize(
    "data", [samples.HTML, samples.SVG, b"  \n<script>alert(1)</script>", b"#!/bin/sh\nrm -rf /\n"]
)
def test_markup_and_scripts_are_refused_even_as_text(data):
    assert refusal(data, "notiz.txt") == (
        ErrorCode.INVALID,
        f"Web pages, images in SVG, XML and scripts are not accepted; send {ACCEPTED}",
        ("file",),
    )


def test_a_plain_zip_is_refused():
    assert refusal(samples.PLAIN_ZIP, "unterlagen.docx") == (
        ErrorCode.INVALID,
        f"Archives (ZIP) are not accepted; send {ACCEPTED}",
        ("file",),
    )


def test_an_archive_claiming_gigabytes_is_refused_without_unpacking_it():
    assert refusal(samples.BOMB, "konzept.docx") == (
        ErrorCode.INVALID,
        "The archive unpacks to too much to be a document",
        ("file",),
    )


def test_office_documents_with_macros_are_refused():
    assert refusal(samples.DOCM, "konzept.docx")[1] == (
        "Office documents with macros are not accepted; save it without macros"
    )


def test_text_must_be_utf8():
    assert refusal("Gemeinde Münchenstein\n".encode("latin-1"), "liste.csv")[1] == (
        f"Text files must be UTF-8 (save it as UTF-8, or as PDF); send {ACCEPTED}"
    )


def test_binary_without_a_known_signature_is_refused():
    assert refusal(b"\x00\x01\x02binary", "daten.csv")[1] == (
        f"The file is not text and not of an accepted type; send {ACCEPTED}"
    )


def test_an_empty_file_is_refused():
    assert refusal(b"", "leer.txt") == (ErrorCode.INVALID, "The file is empty", ("file",))


def test_a_damaged_office_document_is_refused():
    assert refusal(samples.DOCX[:40], "konzept.docx")[1] == (
        f"The file is a damaged archive; send {ACCEPTED}"
    )
