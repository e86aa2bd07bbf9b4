"""The mail to an organisation's members when its bank account changes (a classic fraud path).

Everyone active in the organisation hears of it, not only the person who changed it: someone who took
over one account and redirects the payments is seen by the others. The IBAN is shown masked (its last
four digits), so that the mail itself does not hand out the account to whoever reads it on the way.
"""

from __future__ import annotations

from grants.mails.catalogue import MailKind, Template

BANK_ACCOUNT_PAGE = "/account/organisation/bank-account"
SAMPLE = {
    "organisation": "Verein Brückenbauer",
    "who": "Anna Muster (anna@example.org)",
    "at": "27.11.2026 14:05 UTC",
    "iban": "CH•• •••• •••• •••• •295 7",
    "holder": "Verein Brückenbauer, Liestal",
}

MAILS = (
    MailKind(
        kind="BANK_ACCOUNT_CHANGED",
        sent_by="updateBankAccount (who, when, the new account masked, its holder)",
        to="every active applicant member of the organisation",
        link=BANK_ACCOUNT_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Bankverbindung von {organisation} geändert",
                body="Die Bankverbindung von {organisation} ist am {at} von {who} geändert worden. "
                "Neu: {iban}, lautend auf {holder}.\n\n"
                "Falls Sie oder Ihre Kolleginnen und Kollegen das nicht waren, melden Sie sich sofort "
                "beim Programmbüro: Zahlungen könnten sonst auf ein fremdes Konto gehen.",
                action="Bankverbindung im Portal ansehen",
            ),
            "fr": Template(
                subject="Coordonnées bancaires de {organisation} modifiées",
                body="Les coordonnées bancaires de {organisation} ont été modifiées le {at} par {who}. "
                "Nouveau compte : {iban}, au nom de {holder}.\n\n"
                "Si ce n’était ni vous ni vos collègues, prévenez immédiatement le bureau du programme : "
                "des versements pourraient sinon partir vers un compte étranger à votre organisation.",
                action="Voir les coordonnées bancaires sur le portail",
            ),
            "it": Template(
                subject="Coordinate bancarie di {organisation} modificate",
                body="Le coordinate bancarie di {organisation} sono state modificate il {at} da {who}. "
                "Nuovo conto: {iban}, intestato a {holder}.\n\n"
                "Se non è stato lei né un suo collega, avvisi subito l’ufficio del programma: "
                "altrimenti i pagamenti potrebbero finire su un conto estraneo.",
                action="Vedere le coordinate bancarie sul portale",
            ),
            "en": Template(
                subject="Bank account of {organisation} changed",
                body="The bank account of {organisation} was changed on {at} by {who}. "
                "New account: {iban}, held by {holder}.\n\n"
                "If this was not you or a colleague, tell the programme office at once: otherwise "
                "payments could go to someone else’s account.",
                action="View the bank account on the portal",
            ),
        },
    ),
)
