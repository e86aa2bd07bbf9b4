"""The words of the administrators' digest of directory edits, in de, fr, it and en (German fallback).

Kept together in one module so that they can move into a shared mail catalogue as they are.
"""

from __future__ import annotations

from typing import Final

#: Per language: subject, greeting, opening line, a line per edit, the link line and the closing.
DIGEST_TEXTS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "subject": "Verzeichnis: {count} Änderung(en) durch Organisationen",
        "greeting": "Guten Tag",
        "opening": "Seit der letzten Übersicht haben Organisationen ihren Eintrag im Verzeichnis geändert:",
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Angaben geändert: {fields}",
        "service.create": "Angebot «{service}» hinzugefügt",
        "service.update": "Angebot «{service}» geändert: {fields}",
        "service.delete": "Angebot «{service}» entfernt",
        "link": "Eintrag ansehen: {url}",
        "closing": "kipnet, Fachbereich Integration Basel-Landschaft",
    },
    "fr": {
        "subject": "Répertoire : {count} modification(s) par des organisations",
        "greeting": "Bonjour",
        "opening": "Depuis le dernier récapitulatif, des organisations ont modifié leur fiche "
        "dans le répertoire :",
        "by": "{who} ({email}), {at} UTC :",
        "organisation.update": "Données modifiées : {fields}",
        "service.create": "Prestation « {service} » ajoutée",
        "service.update": "Prestation « {service} » modifiée : {fields}",
        "service.delete": "Prestation « {service} » supprimée",
        "link": "Voir la fiche : {url}",
        "closing": "kipnet, Service de l'intégration de Bâle-Campagne",
    },
    "it": {
        "subject": "Elenco: {count} modifica/e da parte di organizzazioni",
        "greeting": "Buongiorno",
        "opening": "Dall'ultimo riepilogo, alcune organizzazioni hanno modificato la loro voce nell'elenco:",
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Dati modificati: {fields}",
        "service.create": "Offerta «{service}» aggiunta",
        "service.update": "Offerta «{service}» modificata: {fields}",
        "service.delete": "Offerta «{service}» rimossa",
        "link": "Vedere la voce: {url}",
        "closing": "kipnet, Servizio integrazione Basilea Campagna",
    },
    "en": {
        "subject": "Directory: {count} edit(s) by organisations",
        "greeting": "Hello",
        "opening": "Since the last digest, organisations have edited their entry in the directory:",
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Details changed: {fields}",
        "service.create": "Service “{service}” added",
        "service.update": "Service “{service}” changed: {fields}",
        "service.delete": "Service “{service}” removed",
        "link": "See the entry: {url}",
        "closing": "kipnet, Integration Office Basel-Landschaft",
    },
}

#: The names of the fields an edit can change (the domain's names), per language.
FIELD_LABELS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "description": "Beschreibung",
        "street": "Strasse",
        "postal_code": "Postleitzahl",
        "locality": "Ort",
        "canton": "Kanton",
        "phone": "Telefon",
        "email": "E-Mail",
        "website": "Website",
        "languages": "Sprachen",
        "name": "Name",
    },
    "fr": {
        "description": "description",
        "street": "rue",
        "postal_code": "code postal",
        "locality": "localité",
        "canton": "canton",
        "phone": "téléphone",
        "email": "e-mail",
        "website": "site web",
        "languages": "langues",
        "name": "nom",
    },
    "it": {
        "description": "descrizione",
        "street": "via",
        "postal_code": "numero postale",
        "locality": "località",
        "canton": "cantone",
        "phone": "telefono",
        "email": "e-mail",
        "website": "sito web",
        "languages": "lingue",
        "name": "nome",
    },
    "en": {
        "description": "description",
        "street": "street",
        "postal_code": "postal code",
        "locality": "town",
        "canton": "canton",
        "phone": "phone",
        "email": "e-mail",
        "website": "website",
        "languages": "languages",
        "name": "name",
    },
}


def texts_for(language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The digest's texts and field names in `language`, German for a language it does not speak."""
    chosen = language if language in DIGEST_TEXTS else "de"
    return DIGEST_TEXTS[chosen], FIELD_LABELS[chosen]
