"""Mails to applicants about a funded project: tranche paid, report accepted or returned, closed."""

from __future__ import annotations

from grants.mails.catalogue import MailKind, Template

APPLICATION_PAGE = "/applications/{reference}"
SAMPLE = {"reference": "KIP-2026-0007", "title": "Deutsch im Quartier", "date": "12.03.2027", "message": ""}

MAILS = (
    MailKind(
        kind="TRANCHE_PAID",
        sent_by="markTranchePaid",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample={**SAMPLE, "amount": "CHF 12000.00", "paid_on": "03.08.2026"},
        templates={
            "de": Template(
                subject="Zahlung zu Ihrem Projekt {reference}",
                body="Für das Projekt {reference} «{title}» ist eine Tranche ausbezahlt worden: "
                "{amount} am {paid_on}.",
                action="Projekt im Portal ansehen",
            ),
            "fr": Template(
                subject="Versement pour votre projet {reference}",
                body="Une tranche a été versée pour le projet {reference} « {title} » : "
                "{amount} le {paid_on}.",
                action="Voir le projet sur le portail",
            ),
            "it": Template(
                subject="Pagamento per il suo progetto {reference}",
                body="Per il progetto {reference} «{title}» è stata versata una rata: {amount} il {paid_on}.",
                action="Vedere il progetto sul portale",
            ),
            "en": Template(
                subject="Payment for your project {reference}",
                body="A tranche has been paid for the project {reference} “{title}”: {amount} on {paid_on}.",
                action="View the project on the portal",
            ),
        },
    ),
    MailKind(
        kind="REPORT_ACCEPTED",
        sent_by="acceptProjectReport",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Bericht angenommen: {reference}",
                body="Ihr Bericht zum Projekt {reference} «{title}» ist angenommen.",
                action="Projekt im Portal ansehen",
            ),
            "fr": Template(
                subject="Rapport accepté : {reference}",
                body="Votre rapport sur le projet {reference} « {title} » est accepté.",
                action="Voir le projet sur le portail",
            ),
            "it": Template(
                subject="Rapporto accettato: {reference}",
                body="Il suo rapporto sul progetto {reference} «{title}» è stato accettato.",
                action="Vedere il progetto sul portale",
            ),
            "en": Template(
                subject="Report accepted: {reference}",
                body="Your report on the project {reference} “{title}” has been accepted.",
                action="View the project on the portal",
            ),
        },
    ),
    MailKind(
        kind="REPORT_RETURNED",
        sent_by="returnProjectReport",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample={**SAMPLE, "message": "Bitte ergänzen Sie die Zahl der Kursplätze."},
        templates={
            "de": Template(
                subject="Bericht zurückgewiesen: {reference}",
                body="Zu Ihrem Bericht zum Projekt {reference} «{title}» bitten wir um Folgendes:"
                "\n\n{message}\n\nSie können den Bericht ergänzen und erneut einreichen.",
                action="Projekt im Portal ansehen",
            ),
            "fr": Template(
                subject="Rapport renvoyé : {reference}",
                body="Concernant votre rapport sur le projet {reference} « {title} », nous vous "
                "prions de faire ce qui suit :\n\n{message}\n\n"
                "Vous pouvez compléter le rapport et le soumettre à nouveau.",
                action="Voir le projet sur le portail",
            ),
            "it": Template(
                subject="Rapporto rinviato: {reference}",
                body="In merito al suo rapporto sul progetto {reference} «{title}» le chiediamo "
                "quanto segue:\n\n{message}\n\nPuò completare il rapporto e inoltrarlo di nuovo.",
                action="Vedere il progetto sul portale",
            ),
            "en": Template(
                subject="Report returned: {reference}",
                body="Regarding your report on the project {reference} “{title}”, we ask you for the "
                "following:\n\n{message}\n\nYou can complete the report and submit it again.",
                action="View the project on the portal",
            ),
        },
    ),
    MailKind(
        kind="CLOSED",
        sent_by="closeApplication",
        to="every active applicant member of the organisation",
        link=APPLICATION_PAGE,
        sample=SAMPLE,
        templates={
            "de": Template(
                subject="Projekt abgeschlossen: {reference}",
                body="Das Projekt {reference} «{title}» ist am {date} abgeschlossen worden. "
                "Vielen Dank für die Zusammenarbeit.",
                action="Projekt im Portal ansehen",
            ),
            "fr": Template(
                subject="Projet clôturé : {reference}",
                body="Le projet {reference} « {title} » a été clôturé le {date}. "
                "Nous vous remercions de votre collaboration.",
                action="Voir le projet sur le portail",
            ),
            "it": Template(
                subject="Progetto concluso: {reference}",
                body="Il progetto {reference} «{title}» è stato concluso il {date}. "
                "La ringraziamo per la collaborazione.",
                action="Vedere il progetto sul portale",
            ),
            "en": Template(
                subject="Project closed: {reference}",
                body="The project {reference} “{title}” was closed on {date}. Thank you for working with us.",
                action="View the project on the portal",
            ),
        },
    ),
)
