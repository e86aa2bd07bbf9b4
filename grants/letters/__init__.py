"""The decision letter (Verfügung): its content read from the database, and the PDF drawn from it.

`decision_letter_file(application_id=...)` is the one call the decision needs (name and PDF): it
gathers the letter (`gather_decision_letter`) and draws it (`render_decision_letter`, pure).
"""

from grants.letters.content import DecisionLetter, Outcome, Party, Tranche
from grants.letters.gather import decision_letter_file, decision_letter_pdf, gather_decision_letter
from grants.letters.render import render_decision_letter
from grants.letters.wording import LETTER_LANGUAGES

__all__ = [
    "LETTER_LANGUAGES",
    "DecisionLetter",
    "Outcome",
    "Party",
    "Tranche",
    "decision_letter_file",
    "decision_letter_pdf",
    "gather_decision_letter",
    "render_decision_letter",
]
