"""Every word of the decision letter in de, fr, it and en, and how each language writes CHF and dates.

The legal-remedies notice is illustrative text, marked as such in every language: kipnet gives no
legal advice, and the programme office replaces it with its own wording before real use.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

LETTER_LANGUAGES: tuple[str, ...] = ("de", "fr", "it", "en")
#: Swiss locales: `CHF 12’500.00` (de, it, en), `12 500,00 CHF` (fr), as the portal writes them.
LOCALES = {"de": "de_CH", "fr": "fr_CH", "it": "it_CH", "en": "en_CH"}

NBSP = "\u00a0"

WORDING: dict[str, dict[str, str]] = {
    "de": {
        "subject": "Verfügung über Ihr Gesuch «{title}»",
        "filename": "Verfügung {reference}.pdf",
        "reference": "Referenz: {reference}",
        "salutation": "Sehr geehrte Damen und Herren",
        "approved": "Wir haben Ihr Gesuch {reference} für das Projekt «{title}» geprüft und sprechen "
        "Ihnen einen Beitrag von {amount} zu.",
        "rejected": "Wir haben Ihr Gesuch {reference} für das Projekt «{title}» geprüft und müssen es "
        "leider ablehnen.",
        "decision": "Entscheid",
        "decision_approved": "Das Gesuch wird gutgeheissen. Beitrag: {amount}.",
        "decision_rejected": "Das Gesuch wird abgelehnt.",
        "conditions": "Auflagen",
        "tranches": "Auszahlungsplan",
        "tranche": "Tranche",
        "amount": "Betrag",
        "due": "Fällig am",
        "reasons": "Begründung",
        "closing": "Freundliche Grüsse",
        "remedies": "Rechtsmittelbelehrung (Beispieltext)",
        "remedies_text": "Gegen diese Verfügung kann innert der gesetzlichen Frist bei der zuständigen "
        "Beschwerdeinstanz schriftlich und begründet Beschwerde erhoben werden. Hinweis: Dieser Abschnitt "
        "ist ein Beispieltext zur Veranschaulichung und keine Rechtsberatung; massgebend sind allein die "
        "geltenden Bestimmungen.",
        "page": "Seite {page} von {pages}",
        "pdf_title": "Verfügung {reference}",
    },
    "fr": {
        "subject": f"Décision concernant votre demande «{NBSP}{{title}}{NBSP}»",
        "filename": "Décision {reference}.pdf",
        "reference": f"Référence{NBSP}: {{reference}}",
        "salutation": "Madame, Monsieur,",
        "approved": f"Nous avons examiné votre demande {{reference}} pour le projet «{NBSP}{{title}}{NBSP}» "
        "et vous accordons une contribution de {amount}.",
        "rejected": f"Nous avons examiné votre demande {{reference}} pour le projet «{NBSP}{{title}}{NBSP}» "
        "et devons malheureusement la rejeter.",
        "decision": "Décision",
        "decision_approved": f"La demande est acceptée. Contribution{NBSP}: {{amount}}.",
        "decision_rejected": "La demande est rejetée.",
        "conditions": "Conditions",
        "tranches": "Plan de versement",
        "tranche": "Tranche",
        "amount": "Montant",
        "due": "Échéance",
        "reasons": "Motifs",
        "closing": "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        "remedies": "Voies de droit (texte d'exemple)",
        "remedies_text": "La présente décision peut faire l'objet d'un recours écrit et motivé auprès de "
        f"l'autorité de recours compétente dans le délai légal. Remarque{NBSP}: cette section est un texte "
        f"d'exemple à titre d'illustration et ne constitue pas un conseil juridique{NBSP}; seules les "
        "dispositions en vigueur font foi.",
        "page": "Page {page} sur {pages}",
        "pdf_title": "Décision {reference}",
    },
    "it": {
        "subject": "Decisione sulla vostra domanda «{title}»",
        "filename": "Decisione {reference}.pdf",
        "reference": "Riferimento: {reference}",
        "salutation": "Gentili Signore e Signori,",
        "approved": "Abbiamo esaminato la vostra domanda {reference} per il progetto «{title}» e vi "
        "concediamo un contributo di {amount}.",
        "rejected": "Abbiamo esaminato la vostra domanda {reference} per il progetto «{title}» e purtroppo "
        "dobbiamo respingerla.",
        "decision": "Decisione",
        "decision_approved": "La domanda è accolta. Contributo: {amount}.",
        "decision_rejected": "La domanda è respinta.",
        "conditions": "Condizioni",
        "tranches": "Piano dei versamenti",
        "tranche": "Rata",
        "amount": "Importo",
        "due": "Scadenza",
        "reasons": "Motivazione",
        "closing": "Distinti saluti",
        "remedies": "Rimedi giuridici (testo d'esempio)",
        "remedies_text": "Contro la presente decisione può essere interposto ricorso scritto e motivato "
        "presso l'autorità di ricorso competente entro il termine legale. Avvertenza: questa sezione è un "
        "testo d'esempio a scopo illustrativo e non costituisce una consulenza legale; fanno stato "
        "unicamente le disposizioni vigenti.",
        "page": "Pagina {page} di {pages}",
        "pdf_title": "Decisione {reference}",
    },
    "en": {
        "subject": "Decision on your application “{title}”",
        "filename": "Decision letter {reference}.pdf",
        "reference": "Reference: {reference}",
        "salutation": "Dear Sir or Madam,",
        "approved": "We have examined your application {reference} for the project “{title}” and grant "
        "you a contribution of {amount}.",
        "rejected": "We have examined your application {reference} for the project “{title}” and regret "
        "that we must reject it.",
        "decision": "Decision",
        "decision_approved": "The application is approved. Contribution: {amount}.",
        "decision_rejected": "The application is rejected.",
        "conditions": "Conditions",
        "tranches": "Payment plan",
        "tranche": "Tranche",
        "amount": "Amount",
        "due": "Due on",
        "reasons": "Reasons",
        "closing": "Yours faithfully",
        "remedies": "Legal remedies (sample text)",
        "remedies_text": "An appeal against this decision may be lodged in writing, with reasons, with the "
        "competent appeal authority within the statutory time limit. Note: this section is sample text "
        "for illustration only and not legal advice; only the provisions in force are authoritative.",
        "page": "Page {page} of {pages}",
        "pdf_title": "Decision {reference}",
    },
}


def letter_language(language: str | None) -> str:
    """`language` if the letter is written in it, else German (the programme's first language)."""
    return language if language in LETTER_LANGUAGES else "de"


def words(language: str) -> dict[str, str]:
    """The letter's wording in `language` (German for a language letters are not written in)."""
    return WORDING[letter_language(language)]


def money(amount: Decimal, language: str) -> str:
    """An amount in CHF as `language` writes it in Switzerland: `CHF 12’500.00`, `12 500,00 CHF`."""
    return format_currency(amount, "CHF", locale=LOCALES[letter_language(language)])


def swiss_date(day: date, language: str) -> str:
    """A date as `language` writes it in Switzerland: `27. November 2026`, `27 novembre 2026`."""
    return format_date(day, format="long", locale=LOCALES[letter_language(language)])
