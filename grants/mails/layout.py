"""The frame around every mail: greeting, the office's note, the portal link and the signature."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """The words around a mail's own text in one language."""

    greeting: str
    #: Heads a message staff wrote for the recipient when the kind's text does not quote it itself.
    note: str
    closing: str
    sender: str
    #: What ends the line before the link (" :" in French typography).
    colon: str = ":"


FRAMES: dict[str, Frame] = {
    "de": Frame(
        greeting="Guten Tag",
        note="Mitteilung des Fachbereichs:",
        closing="Freundliche Grüsse",
        sender="Fachbereich Integration Basel-Landschaft",
    ),
    "fr": Frame(
        greeting="Bonjour,",
        note="Message du service :",
        closing="Meilleures salutations",
        sender="Service de l'intégration de Bâle-Campagne",
        colon="\u00a0:",
    ),
    "it": Frame(
        greeting="Buongiorno",
        note="Comunicazione del servizio:",
        closing="Cordiali saluti",
        sender="Servizio integrazione di Basilea Campagna",
    ),
    "en": Frame(
        greeting="Hello",
        note="Message from the office:",
        closing="Kind regards",
        sender="Integration Office of Basel-Landschaft",
    ),
}
