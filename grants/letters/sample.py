"""A sample decision letter from made-up values, for proofreading (`kipnet letter preview`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from grants.letters.content import DecisionLetter, Outcome, Party, Tranche
from grants.letters.wording import letter_language

#: The programme office of Basel-Landschaft, as the directory's fixtures name it in each language.
OFFICE_NAMES = {
    "de": "Fachbereich Integration Basel-Landschaft",
    "fr": "Service de l'intégration de Bâle-Campagne",
    "it": "Servizio integrazione di Basilea Campagna",
    "en": "Integration Office of Basel-Landschaft",
}
SAMPLE_CONDITIONS = {
    "de": "Der Schlussbericht mit Kennzahlen und Abrechnung ist bis drei Monate nach Projektende "
    "einzureichen.",
    "fr": "Le rapport final avec les indicateurs et le décompte est à remettre au plus tard trois mois "
    "après la fin du projet.",
    "it": "Il rapporto finale con gli indicatori e il conteggio va presentato entro tre mesi dalla fine "
    "del progetto.",
    "en": "The final report with indicators and accounts is due within three months of the project's end.",
}
SAMPLE_REASONS = {
    "de": "Das Projekt überschneidet sich weitgehend mit bestehenden Angeboten in der Region.",
    "fr": "Le projet recoupe largement des offres existantes dans la région.",
    "it": "Il progetto si sovrappone in gran parte a offerte esistenti nella regione.",
    "en": "The project largely overlaps with services already offered in the region.",
}


def sample_letter(language: str, *, rejected: bool = False) -> DecisionLetter:
    """A letter in `language` for the sample project: approved with three tranches, or rejected."""
    language = letter_language(language)
    approved = DecisionLetter(
        language=language,
        sender=Party(OFFICE_NAMES[language], "Amtshausgasse 7", "4410", "Liestal"),
        recipient=Party("Verein Œuvre d'entraide Birseck", "Hauptstrasse 12", "4153", "Reinach BL"),
        place="Liestal",
        date=date(2026, 11, 27),
        decided_at=datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        reference="KIP-2026-0042",
        title="Deutschkurse für Eltern – Café Međunarodni",
        outcome=Outcome.APPROVED,
        approver="Dr. Anna Müller-Ćosić",
        amount=Decimal("12500.00"),
        conditions=SAMPLE_CONDITIONS[language],
        tranches=(
            Tranche(1, Decimal("5000.00"), date(2027, 1, 1)),
            Tranche(2, Decimal("5000.00"), date(2027, 7, 1)),
            Tranche(3, Decimal("2500.00"), date(2027, 12, 31)),
        ),
    )
    if not rejected:
        return approved
    return replace(
        approved,
        outcome=Outcome.REJECTED,
        amount=None,
        conditions=None,
        tranches=(),
        reasons=SAMPLE_REASONS[language],
    )
