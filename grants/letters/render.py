"""The decision letter as a PDF: A4, Swiss letter layout, an embedded Unicode font, stable bytes.

Layout after SN 010130 for envelopes with the window on the right: the sender's block top left, the
recipient's address in the window field (118 mm from the left edge, 50 mm from the top), then place
and date, the reference line, the subject in bold, the body, the signature block and the illustrative
legal-remedies notice; every page numbered "Seite 1 von 2" in the letter's language.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from grants.letters.content import DecisionLetter, Outcome
from grants.letters.wording import letter_language, money, swiss_date, words

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
#: Page geometry in millimetres.
LEFT, RIGHT, TOP, BOTTOM = 22.0, 20.0, 15.0, 20.0
WINDOW_X, WINDOW_Y, WINDOW_W = 118.0, 50.0, 72.0
BODY_Y = 100.0
LINE = 5.0
# fontTools tells each table it prunes while subsetting the font, a dozen INFO lines per letter
logging.getLogger("fontTools").setLevel(logging.WARNING)


class _LetterPdf(FPDF):
    """An FPDF that numbers the pages in the letter's language and heads every page after the first
    with the reference, so a loose second page still says which letter it belongs to."""

    def __init__(self, page_label: str, reference: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.page_label = page_label
        self.reference = reference

    def header(self) -> None:
        """The reference, small, on pages after the first."""
        if self.page_no() > 1:
            self.set_font(FAMILY, size=8)
            self.cell(0, 4, self.reference, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(6)

    def footer(self) -> None:
        """Page N of M, right-aligned at the bottom (M is filled in when the document is complete)."""
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.cell(0, 4, self.page_label.format(page=self.page_no(), pages="{nb}"), align="R")


def _paragraph(pdf: FPDF, text: str, *, bold: bool = False, size: float = 10, gap: float = 3) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    # ragged right, as Swiss letters are set (and so the text reads back with single spaces)
    pdf.multi_cell(0, _height(size), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def _height(size: float) -> float:
    return LINE if size >= 10 else 4


def _needed(pdf: FPDF, text: str, *, size: float) -> float:
    """The height `text` takes as a paragraph in `size` points, without drawing it."""
    pdf.set_font(FAMILY, "", size)
    lines = pdf.multi_cell(0, _height(size), text, align="L", dry_run=True, output="LINES")
    # output="LINES" gives the list of lines
    return len(cast(list[str], lines)) * _height(size)


def _lines(
    pdf: FPDF, lines: tuple[str, ...], *, x: float, y: float, width: float, size: float, bold_first: bool
) -> None:
    pdf.set_xy(x, y)
    for number, line in enumerate(lines):
        pdf.set_font(FAMILY, "B" if bold_first and number == 0 else "", size)
        pdf.set_x(x)
        pdf.multi_cell(width, size * 0.45, line, new_x=XPos.LEFT, new_y=YPos.NEXT)


def _tranche_table(pdf: FPDF, letter: DecisionLetter, said: dict[str, str]) -> None:
    """Number, amount (right-aligned, so the digits line up) and due date of each tranche."""
    # the empty fourth column keeps the amounts off the dates
    widths, aligns = (25.0, 45.0, 6.0, 60.0), "LRLL"
    pdf.set_font(FAMILY, "B", 10)
    for width, heading, align in zip(
        widths, (said["tranche"], said["amount"], "", said["due"]), aligns, strict=True
    ):
        pdf.cell(width, 6, heading, border="B", align=align)
    pdf.ln(6)
    pdf.set_font(FAMILY, "", 10)
    for tranche in letter.tranches:
        cells = (
            str(tranche.position),
            money(tranche.amount, letter.language),
            "",
            swiss_date(tranche.due_on, letter.language),
        )
        for width, text, align in zip(widths, cells, aligns, strict=True):
            pdf.cell(width, 6, text, align=align)
        pdf.ln(6)
    pdf.ln(3)


def render_decision_letter(letter: DecisionLetter) -> bytes:
    """The letter as PDF bytes; the same letter gives the same bytes (dated at the decision)."""
    language = letter_language(letter.language)
    said = words(language)
    pdf = _LetterPdf(said["page"], said["reference"].format(reference=letter.reference))
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_creation_date(letter.decided_at)
    pdf.set_title(said["pdf_title"].format(reference=letter.reference))
    pdf.set_subject(letter.title)
    pdf.set_author(letter.sender.name)
    pdf.set_creator("kipnet")
    pdf.set_lang(language)
    pdf.alias_nb_pages()
    pdf.add_page()

    _lines(pdf, letter.sender.lines(), x=LEFT, y=TOP, width=90, size=9, bold_first=True)
    _lines(pdf, letter.recipient.lines(), x=WINDOW_X, y=WINDOW_Y, width=WINDOW_W, size=10, bold_first=False)

    pdf.set_xy(LEFT, BODY_Y)
    _paragraph(pdf, f"{letter.place}, {swiss_date(letter.date, language)}", gap=1)
    _paragraph(pdf, said["reference"].format(reference=letter.reference), gap=6)
    _paragraph(pdf, said["subject"].format(title=letter.title), bold=True, size=11, gap=5)
    _paragraph(pdf, said["salutation"])
    amount = money(letter.amount, language) if letter.amount is not None else ""
    approved = letter.outcome is Outcome.APPROVED
    body = said["approved" if approved else "rejected"]
    _paragraph(pdf, body.format(reference=letter.reference, title=letter.title, amount=amount), gap=4)

    _paragraph(pdf, said["decision"], bold=True, gap=1)
    _paragraph(
        pdf, said["decision_approved" if approved else "decision_rejected"].format(amount=amount), gap=4
    )
    if approved and letter.conditions:
        _paragraph(pdf, said["conditions"], bold=True, gap=1)
        _paragraph(pdf, letter.conditions, gap=4)
    if approved and letter.tranches:
        # the plan stays in one piece with its heading (a tranche alone on the next page reads badly)
        if pdf.will_page_break(LINE + 1 + 6 * (len(letter.tranches) + 1)):
            pdf.add_page()
        _paragraph(pdf, said["tranches"], bold=True, gap=1)
        _tranche_table(pdf, letter, said)
    if not approved and letter.reasons:
        _paragraph(pdf, said["reasons"], bold=True, gap=1)
        _paragraph(pdf, letter.reasons, gap=4)

    pdf.ln(2)
    # the signature block and the notice stay together: a page holding only the notice's end reads badly
    closing = _needed(pdf, said["closing"], size=10) + 8 + 2 * LINE + 10
    notice = _needed(pdf, said["remedies"], size=8.5) + 1 + _needed(pdf, said["remedies_text"], size=8.5)
    if pdf.will_page_break(closing + notice):
        pdf.add_page()
    _paragraph(pdf, said["closing"], gap=8)
    _paragraph(pdf, letter.sender.name, gap=0)
    _paragraph(pdf, letter.approver, gap=10)

    _paragraph(pdf, said["remedies"], bold=True, size=8.5, gap=1)
    _paragraph(pdf, said["remedies_text"], size=8.5, gap=0)
    return bytes(pdf.output())
