"""Titles, summaries and messages in German, French and Italian, with accents for search to fold."""

from __future__ import annotations

import random

#: Project kinds by language; each takes a target group and a place.
THEMES = {
    "de": (
        "Deutschkurs",
        "Begegnungscafé",
        "Elternbildung",
        "Frühförderung",
        "Sprachförderung",
        "Integrationsbegleitung",
        "Jobcoaching",
        "Dolmetschdienst",
        "Mütterberatung",
        "Quartiertreff",
        "Hausaufgabenhilfe",
        "Schreibwerkstatt",
    ),
    "fr": (
        "Cours de français",
        "Café-rencontre",
        "Éducation des parents",
        "Médiation interculturelle",
        "Accompagnement à l'emploi",
        "Atelier d'écriture",
        "Soutien précoce",
        "Théâtre participatif",
    ),
    "it": (
        "Corso d'italiano",
        "Caffè d'incontro",
        "Mediazione interculturale",
        "Attività per i più piccoli",
        "Orientamento professionale",
        "Laboratorio di città",
    ),
}
GROUPS = {
    "de": ("für Geflüchtete", "für Jugendliche", "für Mütter und Väter", "für Familien", "für Neuzugezogene"),
    "fr": ("pour réfugié·e·s", "pour jeunes adultes", "pour familles", "pour nouveaux arrivants"),
    "it": ("per famiglie", "per giovani", "per donne migranti", "per nuovi arrivati"),
}
PLACE_WORD = {"de": "in", "fr": "à", "it": "a"}
SUMMARY_SENTENCES = {
    "de": (
        "Das Projekt schafft Begegnungen zwischen Zugezogenen und Einheimischen.",
        "Die Teilnehmenden üben Alltagsdeutsch in kleinen Gruppen.",
        "Freiwillige begleiten Familien bei Behördengängen und Elterngesprächen.",
        "Kinder werden vor dem Kindergarteneintritt spielerisch gefördert.",
        "Die Kurse finden abends und am Wochenende statt, mit Kinderhüte.",
    ),
    "fr": (
        "Le projet favorise les échanges entre nouveaux arrivants et habitants.",
        "Les participant·e·s pratiquent la langue au quotidien, en petits groupes.",
        "Des bénévoles accompagnent les familles lors des démarches administratives.",
        "Les enfants sont soutenus de manière ludique avant l'entrée à l'école.",
    ),
    "it": (
        "Il progetto crea occasioni d'incontro tra nuovi arrivati e residenti.",
        "I partecipanti esercitano la lingua nella vita quotidiana.",
        "Volontari accompagnano le famiglie nei rapporti con le autorità.",
    ),
}
CHANGE_REQUESTS = (
    "Bitte das Budget der Kursleitung begründen.",
    "Merci de préciser le nombre de participant·e·s visé.",
    "Bitte die Zusammenarbeit mit der Gemeinde beschreiben.",
    "Per favore indicare le lingue dei corsi.",
)
REJECTIONS = (
    "Das Projekt passt nicht zu den Schwerpunkten der Ausschreibung.",
    "Le budget dépasse les moyens disponibles pour ce domaine.",
    "Ähnliche Angebote bestehen in der Region bereits.",
)
REVIEW_COMMENTS = (
    "Gut verankert im Quartier, realistische Ziele.",
    "Objectifs clairs, budget plausible.",
    "Zielgruppe gut erreichbar, Kosten pro Teilnehmende hoch.",
    None,
)
BUDGET_ITEMS = (
    ("PERSONNEL", "Projektleitung und Kursleitung"),
    ("PREMISES", "Raummiete"),
    ("MATERIAL", "Lehrmittel et matériel"),
    ("INTERPRETING", "Interprétariat communautaire"),
    ("COMMUNICATION", "Flyer und Übersetzungen"),
)
NGO_NAMES = (
    ("Verein", "Brückenschlag"),
    ("Association", "Pont des cultures"),
    ("Associazione", "Insieme"),
    ("Verein", "Frauentreff Mosaik"),
    ("Association", "Café des langues"),
    ("Stiftung", "Chance Zukunft"),
    ("Verein", "Elterncafé Sonnenblume"),
    ("Associazione", "Casa d'incontro"),
)


def language_of(rng: random.Random) -> str:
    """The language a project writes in: mostly German, some French and Italian."""
    return rng.choices(("de", "fr", "it"), weights=(6, 3, 1))[0]


def title(rng: random.Random, language: str, place: str) -> str:
    """A project title such as "Begegnungscafé für Familien in Liestal"."""
    theme = rng.choice(THEMES[language])
    group = rng.choice(GROUPS[language])
    return f"{theme} {group} {PLACE_WORD[language]} {place}"


def summary(rng: random.Random, language: str) -> str:
    """Two or three sentences on what the project does."""
    sentences = SUMMARY_SENTENCES[language]
    return " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(2, 3))))


def organisation_name(index: int) -> str:
    """The German name of the index-th generated NGO; unique by its number."""
    kind, name = NGO_NAMES[index % len(NGO_NAMES)]
    return f"{kind} {name} {index + 1}"
