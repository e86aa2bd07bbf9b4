"""The decision letter as a PDF, drawn from plain values and read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, cast

import pypdf
import pytest

from grants.letters import LETTER_LANGUAGES, DecisionLetter, Party, render_decision_letter
from grants.letters.sample import sample_letter
from grants.letters.wording import WORDING, money, swiss_date

NARROW = "\u202f"  # fr_CH groups thousands with a narrow no-break space


def read_back(pdf: bytes) -> tuple[str, pypdf.PdfReader]:
    """The PDF's text, pages joined, no-break spaces read as spaces (line breaks as spaces too)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \n\u00a0]+", " ", text), reader


def lang_of(reader: pypdf.PdfReader) -> str:
    """The document's language from its catalogue (/Lang)."""
    return str(cast(Any, reader.trailer["/Root"])["/Lang"])


def approval(language: str) -> DecisionLetter:
    return sample_letter(language)


def test_every_language_has_every_key():
    keys = set(WORDING["de"])
    assert set(WORDING) == set(LETTER_LANGUAGES) == {"de", "fr", "it", "en"}
    for language in LETTER_LANGUAGES:
        assert set(WORDING[language]) == keys, language
        assert all(text.strip() for text in WORDING[language].values()), language


def test_an_address_leaves_out_what_is_not_known():
    assert Party("Verein A", None, "4133", "Pratteln").lines() == ("Verein A", "4133 Pratteln")
    assert Party("Verein A", "Rheinstrasse 1", None, None).lines() == ("Verein A", "Rheinstrasse 1")


def test_money_and_dates_as_each_language_writes_them_in_switzerland():
    assert money(Decimal("12500.00"), "de") == "CHF\u00a012’500.00"
    assert money(Decimal("12500.00"), "fr") == f"12{NARROW}500,00\u00a0CHF"
    assert swiss_date(date(2027, 3, 1), "de") == "1. März 2027"
    assert swiss_date(date(2027, 3, 1), "fr") == "1 mars 2027"


def test_a_german_approval_prints_sender_recipient_amount_conditions_and_tranches():
    # given an approval of CHF 12'500 in three tranches with a condition, in German
    letter = approval("de")
    # when it is drawn and read back
    text, reader = read_back(render_decision_letter(letter))
    # then every piece is there as written
    for piece in (
        "Fachbereich Integration Basel-Landschaft",
        "Amtshausgasse 7",
        "4410 Liestal",
        "Verein Œuvre d'entraide Birseck",
        "Hauptstrasse 12",
        "4153 Reinach BL",
        "Liestal, 27. November 2026",
        "Referenz: KIP-2026-0042",
        "Verfügung über Ihr Gesuch «Deutschkurse für Eltern – Café Međunarodni»",
        "Das Gesuch wird gutgeheissen. Beitrag: CHF 12’500.00.",
        "Auflagen Der Schlussbericht mit Kennzahlen und Abrechnung ist bis drei Monate nach "
        "Projektende einzureichen.",
        "Auszahlungsplan Tranche Betrag Fällig am",
        "1 CHF 5’000.00 1. Januar 2027",
        "2 CHF 5’000.00 1. Juli 2027",
        "3 CHF 2’500.00 31. Dezember 2027",
        "Freundliche Grüsse Fachbereich Integration Basel-Landschaft Dr. Anna Müller-Ćosić",
        "Rechtsmittelbelehrung (Beispieltext)",
        "ist ein Beispieltext zur Veranschaulichung und keine Rechtsberatung",
        "Seite 1 von 1",
    ):
        assert piece in text, piece
    assert "Begründung" not in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Verfügung KIP-2026-0042"
    assert reader.metadata.author == "Fachbereich Integration Basel-Landschaft"
    assert str(reader.metadata["/CreationDate"]) == "D:20261127093000Z"  # the decision, not the clock
    assert lang_of(reader) == "de"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.01)  # A4: 210 mm
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.01)  # 297 mm


def test_a_french_approval_writes_amounts_and_dates_the_french_way():
    text, reader = read_back(render_decision_letter(approval("fr")))
    for piece in (
        "Service de l'intégration de Bâle-Campagne",
        "Amtshausgasse 7",
        "4410 Liestal",
        "Liestal, 27 novembre 2026",
        "Référence : KIP-2026-0042",
        f"La demande est acceptée. Contribution : 12{NARROW}500,00 CHF.",
        "Conditions Le rapport final avec les indicateurs et le décompte est à remettre",
        "Plan de versement Tranche Montant Échéance",
        f"1 5{NARROW}000,00 CHF 1 janvier 2027",
        f"2 5{NARROW}000,00 CHF 1 juillet 2027",
        f"3 2{NARROW}500,00 CHF 31 décembre 2027",
        "Dr. Anna Müller-Ćosić",
        "Voies de droit (texte d'exemple)",
        "cette section est un texte d'exemple à titre d'illustration et ne constitue pas un conseil juridique",
    ):
        assert piece in text, piece
    assert "Page 1 sur 1" in text
    assert lang_of(reader) == "fr"


@pytest.mark.parametrize(
    ("language", "first", "second", "reference", "plan", "last_due"),
    [
        (
            "de",
            "Seite 1 von 2",
            "Seite 2 von 2",
            "Referenz: KIP-2026-0042",
            "Auszahlungsplan",
            "31. Dezember 2027",
        ),
        (
            "fr",
            "Page 1 sur 2",
            "Page 2 sur 2",
            "Référence : KIP-2026-0042",
            "Plan de versement",
            "31 décembre 2027",
        ),
    ],
)
def test_a_long_letter_runs_over_pages_numbered_in_its_language(
    language, first, second, reference, plan, last_due
):
    # given conditions long enough to push the payment plan onto a second page
    letter = replace(
        approval(language), conditions="\n".join(f"{n}. Auflage / condition {n}" for n in range(1, 16))
    )
    # when
    text, reader = read_back(render_decision_letter(letter))
    pages = [re.sub(r"[ \n\u00a0]+", " ", page.extract_text()) for page in reader.pages]
    # then: two pages, numbered in the letter's language
    assert len(pages) == 2
    assert first in pages[0]
    assert second in pages[1]
    assert "15. Auflage / condition 15" in pages[0]
    # the second page is headed with the reference; the plan moved whole with its heading, and the
    # signature block and the notice follow it there
    assert pages[1].startswith(f"{reference} {plan}")
    assert plan not in pages[0]
    assert last_due in pages[1]
    assert "Dr. Anna Müller-Ćosić" in pages[1]
    assert text.count("KIP-2026-0042") == pages[0].count("KIP-2026-0042") + 1


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        (
            "de",
            (
                "Das Gesuch wird abgelehnt.",
                "Begründung Das Projekt überschneidet sich weitgehend mit bestehenden Angeboten in der Region.",
                "Rechtsmittelbelehrung (Beispieltext)",
                "Dr. Anna Müller-Ćosić",
            ),
        ),
        (
            "fr",
            (
                "La demande est rejetée.",
                "Motifs Le projet recoupe largement des offres existantes dans la région.",
                "Voies de droit (texte d'exemple)",
                "Dr. Anna Müller-Ćosić",
            ),
        ),
    ],
)
def test_a_rejection_gives_the_reasons_and_no_amount(language, pieces):
    text, _ = read_back(render_decision_letter(sample_letter(language, rejected=True)))
    for piece in pieces:
        assert piece in text, piece
    assert "CHF" not in text
    assert "KIP-2026-0042" in text


@pytest.mark.parametrize(
    ("language", "pieces"),
    [
        (
            "it",
            (
                "Decisione sulla vostra domanda",
                "CHF 12’500.00",
                "1 gennaio 2027",
                "testo d'esempio",
                "Pagina 1 di",
            ),
        ),
        (
            "en",
            (
                "Decision on your application",
                "CHF 12’500.00",
                "1 January 2027",
                "not legal advice",
                "Page 1 of",
            ),
        ),
    ],
)
def test_italian_and_english_letters_render(language, pieces):
    text, reader = read_back(render_decision_letter(approval(language)))
    for piece in pieces:
        assert piece in text, piece
    assert lang_of(reader) == language


def test_the_same_letter_gives_the_same_bytes():
    assert render_decision_letter(approval("de")) == render_decision_letter(approval("de"))
    assert render_decision_letter(approval("de")) != render_decision_letter(approval("fr"))


def test_text_outside_latin_1_is_printed_as_written():
    # given a title and recipient with characters no core PDF font has
    letter = replace(
        approval("de"),
        title="Œuvre ćevapčići € — Ελληνικά",
        recipient=replace(approval("de").recipient, name="Udruženje Žena Čačak"),
    )
    text, reader = read_back(render_decision_letter(letter))
    assert "«Œuvre ćevapčići € — Ελληνικά»" in text
    assert "Udruženje Žena Čačak" in text
    assert reader.metadata is not None
    assert reader.metadata.subject == "Œuvre ćevapčići € — Ελληνικά"
