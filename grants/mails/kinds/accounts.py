"""Mails about a person's own account: the invitation and the password reset, each with a one-time link.

The link carries the token (`{token}`), which exists only in the mail: the database keeps its digest
(grants/account_links.py). The sample token is made up, so the preview shows a link of the right
shape that opens nothing.
"""

from __future__ import annotations

from typing import Final

from grants.mails.catalogue import MailKind, Template

INVITATION: Final = "INVITATION"
PASSWORD_RESET: Final = "PASSWORD_RESET"

#: The programme office, named in invitations to staff (who belong to no organisation).
PROGRAMME_OFFICE: Final[dict[str, str]] = {
    "de": "Fachbereich Integration",
    "fr": "Service de l'intégration",
    "it": "Servizio integrazione",
    "en": "Integration Office",
}

#: A made-up token of the real shape (43 URL-safe characters), for the preview and the tests.
SAMPLE_TOKEN: Final = "Beispiel-nur-zur-Vorschau_kein-gueltiger-Li"

MAILS = (
    MailKind(
        kind=INVITATION,
        sent_by="inviteUser (also to resend one: the new link replaces the older one)",
        to="the invited person, in the language chosen for them",
        link="/account/invitation/{token}",
        sample={
            "token": SAMPLE_TOKEN,
            "name": "Lea Meier",
            "inviter": "Maria Muster",
            "organisation": "Verein A",
            "days": "7",
        },
        templates={
            "de": Template(
                subject="Einladung zu kipnet",
                body="{inviter} lädt Sie zu kipnet ein, dem Portal des kantonalen Integrationsprogramms "
                "({organisation}). Ihr Konto ist auf den Namen {name} vorbereitet.\n\n"
                "Über den Link unten legen Sie Ihr Passwort fest und melden sich an; er gilt {days} Tage "
                "und nur einmal. Haben Sie keine Einladung erwartet, können Sie diese Nachricht löschen.",
                action="Einladung annehmen",
            ),
            "fr": Template(
                subject="Invitation à kipnet",
                body="{inviter} vous invite à kipnet, le portail du programme cantonal d'intégration "
                "({organisation}). Votre compte est préparé au nom de {name}.\n\n"
                "Le lien ci-dessous vous permet de choisir votre mot de passe et de vous connecter ; il est "
                "valable {days} jours et une seule fois. Si vous n'attendiez pas d'invitation, vous pouvez "
                "effacer ce message.",
                action="Accepter l'invitation",
            ),
            "it": Template(
                subject="Invito a kipnet",
                body="{inviter} la invita a kipnet, il portale del programma cantonale d'integrazione "
                "({organisation}). Il suo conto è preparato a nome di {name}.\n\n"
                "Con il link qui sotto sceglie la sua password e accede; vale {days} giorni e una sola "
                "volta. Se non aspettava un invito, può cancellare questo messaggio.",
                action="Accettare l'invito",
            ),
            "en": Template(
                subject="Invitation to kipnet",
                body="{inviter} invites you to kipnet, the portal of the cantonal integration programme "
                "({organisation}). Your account is prepared in the name of {name}.\n\n"
                "The link below lets you choose your password and sign in; it works for {days} days and "
                "only once. If you did not expect an invitation, you can delete this message.",
                action="Accept the invitation",
            ),
        },
    ),
    MailKind(
        kind=PASSWORD_RESET,
        sent_by="requestPasswordReset, when an active account has the address (else nothing, alike)",
        to="the account's address, in the account's language",
        link="/account/reset/{token}",
        sample={"token": SAMPLE_TOKEN, "hours": "1"},
        templates={
            "de": Template(
                subject="Neues Passwort für kipnet",
                body="Jemand hat für diese Adresse ein neues Passwort für kipnet verlangt. Über den Link "
                "unten legen Sie es fest; er gilt {hours} Stunde und nur einmal.\n\n"
                "Danach sind Sie überall abgemeldet. Haben Sie nichts verlangt, bleibt Ihr Passwort, wie "
                "es ist: Sie können diese Nachricht löschen.",
                action="Neues Passwort festlegen",
            ),
            "fr": Template(
                subject="Nouveau mot de passe pour kipnet",
                body="Quelqu'un a demandé un nouveau mot de passe kipnet pour cette adresse. Le lien "
                "ci-dessous vous permet de le choisir ; il est valable {hours} heure et une seule fois.\n\n"
                "Vous serez ensuite déconnecté partout. Si vous n'avez rien demandé, votre mot de passe "
                "reste le même : vous pouvez effacer ce message.",
                action="Choisir un nouveau mot de passe",
            ),
            "it": Template(
                subject="Nuova password per kipnet",
                body="Qualcuno ha chiesto una nuova password kipnet per questo indirizzo. Con il link qui "
                "sotto la sceglie; vale {hours} ora e una sola volta.\n\n"
                "In seguito sarà disconnesso ovunque. Se non ha chiesto nulla, la sua password resta "
                "quella di prima: può cancellare questo messaggio.",
                action="Scegliere una nuova password",
            ),
            "en": Template(
                subject="New password for kipnet",
                body="Someone asked for a new kipnet password for this address. The link below lets you "
                "choose it; it works for {hours} hour and only once.\n\n"
                "You will then be signed out everywhere. If you asked for nothing, your password stays as "
                "it is: you can delete this message.",
                action="Choose a new password",
            ),
        },
    ),
)
