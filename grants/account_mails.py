"""The invitation and password-reset mails, per language: subject and body with {placeholders}.

Kept in this one module so that the mail catalogue (grants/mails/) can take them over in one step.
German is the source and the fallback for a language without texts. Placeholders: {link} (the
portal's one-time link), {name} (the recipient's name), {inviter} (who invited), {organisation}
(an applicant's organisation or the programme office), {days} / {hours} (how long the link works).
"""

from __future__ import annotations

from collections.abc import Mapping

from grants.text import TEXT_LANGUAGES

FALLBACK = "de"
INVITATION = "INVITATION"
RESET = "RESET"

_SIGNATURE = {
    "de": "Fachbereich Integration Basel-Landschaft",
    "fr": "Service de l'intégration de Bâle-Campagne",
    "it": "Servizio integrazione di Basilea Campagna",
    "en": "Integration Office, Basel-Landschaft",
}

TEXTS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    INVITATION: {
        "de": (
            "Einladung zu kipnet",
            "Guten Tag {name}\n\n{inviter} lädt Sie zu kipnet ein, dem Portal des kantonalen "
            "Integrationsprogramms ({organisation}).\n\nÜber diesen Link legen Sie Ihr Passwort fest und "
            "melden sich an; er gilt {days} Tage und nur einmal:\n\n{link}\n\n"
            "Haben Sie keine Einladung erwartet, können Sie diese Nachricht löschen.\n\n" + _SIGNATURE["de"],
        ),
        "fr": (
            "Invitation à kipnet",
            "Bonjour {name}\n\n{inviter} vous invite à kipnet, le portail du programme cantonal "
            "d'intégration ({organisation}).\n\nCe lien vous permet de choisir votre mot de passe et de "
            "vous connecter ; il est valable {days} jours et une seule fois :\n\n{link}\n\n"
            "Si vous n'attendiez pas d'invitation, vous pouvez effacer ce message.\n\n" + _SIGNATURE["fr"],
        ),
        "it": (
            "Invito a kipnet",
            "Buongiorno {name}\n\n{inviter} la invita a kipnet, il portale del programma cantonale "
            "d'integrazione ({organisation}).\n\nCon questo link sceglie la sua password e accede; vale "
            "{days} giorni e una sola volta:\n\n{link}\n\n"
            "Se non aspettava un invito, può cancellare questo messaggio.\n\n" + _SIGNATURE["it"],
        ),
        "en": (
            "Invitation to kipnet",
            "Hello {name}\n\n{inviter} invites you to kipnet, the portal of the cantonal integration "
            "programme ({organisation}).\n\nThis link lets you choose your password and sign in; it works "
            "for {days} days and only once:\n\n{link}\n\n"
            "If you did not expect an invitation, you can delete this message.\n\n" + _SIGNATURE["en"],
        ),
    },
    RESET: {
        "de": (
            "Neues Passwort für kipnet",
            "Guten Tag\n\nJemand hat für diese Adresse ein neues Passwort für kipnet verlangt. Über diesen "
            "Link legen Sie es fest; er gilt {hours} Stunde und nur einmal:\n\n{link}\n\n"
            "Danach sind Sie überall abgemeldet. Haben Sie nichts verlangt, bleibt Ihr Passwort, wie es "
            "ist: Sie können diese Nachricht löschen.\n\n" + _SIGNATURE["de"],
        ),
        "fr": (
            "Nouveau mot de passe pour kipnet",
            "Bonjour\n\nQuelqu'un a demandé un nouveau mot de passe kipnet pour cette adresse. Ce lien "
            "vous permet de le choisir ; il est valable {hours} heure et une seule fois :\n\n{link}\n\n"
            "Vous serez ensuite déconnecté partout. Si vous n'avez rien demandé, votre mot de passe reste "
            "le même : vous pouvez effacer ce message.\n\n" + _SIGNATURE["fr"],
        ),
        "it": (
            "Nuova password per kipnet",
            "Buongiorno\n\nQualcuno ha chiesto una nuova password kipnet per questo indirizzo. Con questo "
            "link la sceglie; vale {hours} ora e una sola volta:\n\n{link}\n\n"
            "In seguito sarà disconnesso ovunque. Se non ha chiesto nulla, la sua password resta quella "
            "di prima: può cancellare questo messaggio.\n\n" + _SIGNATURE["it"],
        ),
        "en": (
            "New password for kipnet",
            "Hello\n\nSomeone asked for a new kipnet password for this address. This link lets you choose "
            "it; it works for {hours} hour and only once:\n\n{link}\n\n"
            "You will then be signed out everywhere. If you asked for nothing, your password stays as it "
            "is: you can delete this message.\n\n" + _SIGNATURE["en"],
        ),
    },
}

#: The programme office, named in invitations to staff (who belong to no organisation).
PROGRAMME_OFFICE = {
    "de": "Fachbereich Integration",
    "fr": "Service de l'intégration",
    "it": "Servizio integrazione",
    "en": "Integration Office",
}


def language_of(language: str | None) -> str:
    """The language a mail is written in: the person's if there are texts in it, else German."""
    return language if language in TEXT_LANGUAGES else FALLBACK


def render(kind: str, language: str | None, **values: object) -> tuple[str, str]:
    """(subject, body) of the mail `kind` in `language` (German fallback), placeholders filled."""
    subject, body = TEXTS[kind][language_of(language)]
    return subject.format(**values), body.format(**values)
