"""Display names and Content-Disposition: nothing of a path, no control characters, the content's extension."""

from __future__ import annotations

import pytest

from grants.documents.filenames import MAX_NAME, content_disposition, display_name

PDF = "application/pdf"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Antrag 2026.pdf", "Antrag 2026.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\anna\\Budget.pdf", "Budget.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("...pdf", "pdf.pdf"),
        ("...", "document.pdf"),
        ("", "document.pdf"),
        (None, "document.pdf"),
        ("CON.pdf", "document.pdf"),
        ("rechnung\u202efdp.exe", "rechnungfdp.exe.pdf"),
        ("a\x00b\x1fc.pdf", "abc.pdf"),
        ('quo"te<>|?*:.pdf', "quo_te______.pdf"),
        ("  viele   Leerzeichen  .pdf", "viele Leerzeichen.pdf"),
        ("invoice.exe", "invoice.exe.pdf"),
    ],
)
def test_names_are_made_safe_to_show_and_save(given, shown):
    assert display_name(given, content_type=PDF) == shown


def test_nfc_joins_combining_accents():
    assert display_name("Be\u0301richt.pdf", content_type=PDF) == "B\u00e9richt.pdf"


def test_a_long_name_is_shortened_keeping_its_extension():
    shown = display_name("x" * 500 + ".docx", content_type=PDF)
    assert (len(shown), shown[-8:]) == (MAX_NAME, "xxxx.pdf")


def test_other_spellings_of_the_extension_are_kept():
    assert display_name("foto.JPEG", content_type="image/jpeg") == "foto.JPEG"


def test_the_download_header_has_an_ascii_fallback_and_the_exact_name():
    assert content_disposition("Prüfbericht «2026».pdf") == (
        "attachment; filename=\"Prufbericht 2026.pdf\"; filename*=UTF-8''Pr%C3%BCfbericht%20%C2%AB2026%C2%BB.pdf"
    )


def test_a_name_without_any_ascii_falls_back_to_document():
    assert (
        content_disposition("ملف.pdf")
        == "attachment; filename=\"document.pdf\"; filename*=UTF-8''%D9%85%D9%84%D9%81.pdf"
    )
