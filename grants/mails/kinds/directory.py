"""The administrators' digest of applicants' directory edits: one mail listing who changed what, where.

The list of edits varies in length, so it arrives as one value, `{edits}`, rendered here in the
mail's language by `edits_text`: a block per organisation (its name, a line opening with "- " per
edit, the link to its entry), which compose turns into paragraphs and lists in the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final
from urllib.parse import quote

from grants.mails.catalogue import MAIL_LANGUAGES, SOURCE_LANGUAGE, MailKind, Template


@dataclass(frozen=True, slots=True)
class Edit:
    """One audited edit of an organisation's entry by one of its applicants."""

    audit_id: int
    organisation_slug: str
    organisation_name: Mapping[str, str]
    who: str
    email: str
    at: datetime
    action: str
    fields: tuple[str, ...]
    service: str | None = None


#: Per language: who edited when, what each audited action did, and the line linking to the entry.
EDIT_WORDS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Angaben geändert: {fields}",
        "service.create": "Angebot «{service}» hinzugefügt",
        "service.update": "Angebot «{service}» geändert: {fields}",
        "service.delete": "Angebot «{service}» entfernt",
        "link": "Eintrag ansehen: {url}",
    },
    "fr": {
        "by": "{who} ({email}), {at} UTC :",
        "organisation.update": "Données modifiées : {fields}",
        "service.create": "Prestation « {service} » ajoutée",
        "service.update": "Prestation « {service} » modifiée : {fields}",
        "service.delete": "Prestation « {service} » supprimée",
        "link": "Voir la fiche : {url}",
    },
    "it": {
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Dati modificati: {fields}",
        "service.create": "Offerta «{service}» aggiunta",
        "service.update": "Offerta «{service}» modificata: {fields}",
        "service.delete": "Offerta «{service}» rimossa",
        "link": "Vedere la voce: {url}",
    },
    "en": {
        "by": "{who} ({email}), {at} UTC:",
        "organisation.update": "Details changed: {fields}",
        "service.create": "Service “{service}” added",
        "service.update": "Service “{service}” changed: {fields}",
        "service.delete": "Service “{service}” removed",
        "link": "See the entry: {url}",
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
        "correspondence_language": "Sprache der Briefe",
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
        "correspondence_language": "langue des courriers",
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
        "correspondence_language": "lingua delle lettere",
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
        "correspondence_language": "language of letters",
        "name": "name",
    },
}


def _local(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), "")


def edits_text(edits: Sequence[Edit], *, language: str, public_url: str) -> str:
    """The `{edits}` of the digest in `language` (German if not a mail language), grouped by organisation."""
    language = language if language in MAIL_LANGUAGES else SOURCE_LANGUAGE
    words, labels = EDIT_WORDS[language], FIELD_LABELS[language]
    by_organisation: dict[str, list[Edit]] = {}
    for edit in edits:
        by_organisation.setdefault(edit.organisation_slug, []).append(edit)
    blocks = []
    for slug, own in by_organisation.items():
        lines = [_local(own[0].organisation_name, language)]
        for edit in own:
            fields = ", ".join(labels.get(field, field) for field in edit.fields)
            what = words[edit.action].format(fields=fields, service=edit.service or "")
            by = words["by"].format(who=edit.who, email=edit.email, at=f"{edit.at:%d.%m.%Y %H:%M}")
            lines.append(f"- {by} {what}")
        url = f"{public_url.rstrip('/')}/admin/organisations/{quote(slug, safe='')}"
        lines.append(words["link"].format(url=url))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_SAMPLE_AT = datetime(2026, 3, 12, 14, 5, tzinfo=UTC)


#: The preview's editors: organisation slug, organisation name, e-mail address.
_SAMPLE_PEOPLE = {
    "Maria Muster": ("verein-a", "Verein A", "maria@verein-a.ch"),
    "Luca Rossi": ("treffpunkt", "Treffpunkt", "luca@treffpunkt.ch"),
}


def _sample(audit_id: int, who: str, action: str, fields: tuple[str, ...], service: str | None) -> Edit:
    slug, name, email = _SAMPLE_PEOPLE[who]
    return Edit(audit_id, slug, {"de": name}, who, email, _SAMPLE_AT, action, fields, service)


#: What the preview shows: two organisations, each kind of edit once.
SAMPLE_EDITS = (
    _sample(1, "Maria Muster", "organisation.update", ("phone", "website"), None),
    _sample(2, "Maria Muster", "service.create", (), "Elterncafé"),
    _sample(3, "Luca Rossi", "service.update", ("description",), "Deutschkurs"),
    _sample(4, "Luca Rossi", "service.delete", (), "Nähatelier"),
)


def _sample_edits(language: str, public_url: str) -> dict[str, str]:
    return {"edits": edits_text(SAMPLE_EDITS, language=language, public_url=public_url)}


MAILS = (
    MailKind(
        kind="DIRECTORY_EDITS",
        sent_by="the server every 5 minutes and kipnet mail digest, when applicants edited their entry",
        to="every active administrator",
        link="/admin/organisations",
        sample={"count": str(len(SAMPLE_EDITS))},
        localised_sample=_sample_edits,
        templates={
            "de": Template(
                subject="Verzeichnis: {count} Änderung(en) durch Organisationen",
                body="Seit der letzten Übersicht haben Organisationen ihren Eintrag im Verzeichnis "
                "geändert:\n\n{edits}",
                action="Organisationen im Portal ansehen",
            ),
            "fr": Template(
                subject="Répertoire : {count} modification(s) par des organisations",
                body="Depuis le dernier récapitulatif, des organisations ont modifié leur fiche "
                "dans le répertoire :\n\n{edits}",
                action="Voir les organisations sur le portail",
            ),
            "it": Template(
                subject="Elenco: {count} modifica/e da parte di organizzazioni",
                body="Dall'ultimo riepilogo, alcune organizzazioni hanno modificato la loro voce "
                "nell'elenco:\n\n{edits}",
                action="Vedere le organizzazioni sul portale",
            ),
            "en": Template(
                subject="Directory: {count} edit(s) by organisations",
                body="Since the last digest, organisations have edited their entry in the directory:"
                "\n\n{edits}",
                action="View the organisations on the portal",
            ),
        },
    ),
)
