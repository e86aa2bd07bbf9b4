"""The administrators' digest of applicants' directory edits: one mail per admin, their language, once."""

from __future__ import annotations

from datetime import timedelta

from grants.directory import digest, editing
from grants.directory.digest import MAIL_KIND, send_directory_digest
from grants.directory.entry_rules import APPLICANT_ORGANISATION_FIELDS
from grants.mails.kinds.directory import FIELD_LABELS
from grants.models import AuditRecord, MailDigest, Organisation, OutboxMessage, Role, Service, User
from tests import factories
from tests.factories import NOW

PUBLIC_URL = "https://kipnet.example.ch"
LATER = NOW + timedelta(minutes=5)


async def applicant_edits() -> User:
    """An applicant of verein-a changing its phone, adding a service and removing another, at NOW."""
    await factories.organisation("verein-a", name="Verein A")
    await factories.service("verein-a", "alt")
    applicant = await factories.user(Role.APPLICANT, email="maria@verein-a.ch", organisation="verein-a")
    await User.filter(id=applicant.id).update(display_name="Maria Muster")
    applicant = await User.get(id=applicant.id)
    own = await Organisation.get(slug="verein-a")
    await editing.update_organisation(
        actor=applicant, organisation_id=own.id, values={"phone": "061 111 11 11", "website": None}, now=NOW
    )
    await editing.create_service(
        actor=applicant, values={"provider": "verein-a", "name": {"de": "Elterncafé"}}
    )
    await editing.delete_service(actor=applicant, service_id=(await Service.get(slug="alt")).id)
    await AuditRecord.all().update(at=NOW)
    return applicant


async def admins() -> tuple[User, User]:
    """A German-speaking and a French-speaking administrator, and an inactive one who gets nothing."""
    german = await factories.user(Role.ADMIN, email="admin-de@kanton.ch")
    french = await factories.user(Role.ADMIN, email="admin-fr@kanton.ch")
    gone = await factories.user(Role.ADMIN, email="gone@kanton.ch")
    await User.filter(id=french.id).update(language="fr")
    await User.filter(id=gone.id).update(is_active=False)
    return german, french


async def test_one_mail_per_active_admin_in_their_language_listing_who_changed_what(db):
    # given
    await applicant_edits()
    await admins()
    # when
    written = await send_directory_digest(now=LATER, public_url=PUBLIC_URL)
    # then
    mails = await OutboxMessage.filter(kind=MAIL_KIND).order_by("recipient")
    assert written == 2
    assert [(mail.recipient, mail.subject) for mail in mails] == [
        ("admin-de@kanton.ch", "Verzeichnis: 3 Änderung(en) durch Organisationen"),
        ("admin-fr@kanton.ch", "Répertoire : 3 modification(s) par des organisations"),
    ]
    assert mails[0].body == (
        "Guten Tag\n\n"
        "Seit der letzten Übersicht haben Organisationen ihren Eintrag im Verzeichnis geändert:\n\n"
        "Verein A\n"
        "- Maria Muster (maria@verein-a.ch), 01.05.2026 09:00 UTC: Angaben geändert: Telefon\n"
        "- Maria Muster (maria@verein-a.ch), 01.05.2026 09:00 UTC: Angebot «Elterncafé» hinzugefügt\n"
        "- Maria Muster (maria@verein-a.ch), 01.05.2026 09:00 UTC: Angebot «Alt» entfernt\n"
        "Eintrag ansehen: https://kipnet.example.ch/admin/organisations/verein-a\n\n"
        "Organisationen im Portal ansehen:\nhttps://kipnet.example.ch/admin/organisations\n\n"
        "Freundliche Grüsse\nFachbereich Integration Basel-Landschaft\n"
    )
    assert "<li>Maria Muster (maria@verein-a.ch), 01.05.2026 09:00 UTC: Angaben geändert: Telefon</li>" in (
        mails[0].html_body or ""
    )
    assert [(mail.language, mail.html_body is not None) for mail in mails] == [("de", True), ("fr", True)]
    assert "- Maria Muster (maria@verein-a.ch), 01.05.2026 09:00 UTC : Données modifiées : téléphone\n" in (
        mails[1].body
    )
    digest = await MailDigest.get()
    assert (digest.edits, digest.recipients, digest.after_audit_id) == (3, 2, 0)


async def test_nothing_is_told_twice_and_a_later_edit_comes_alone(db):
    # given: a digest has gone out
    applicant = await applicant_edits()
    await admins()
    await send_directory_digest(now=LATER, public_url=PUBLIC_URL)
    # when: nothing new
    again = await send_directory_digest(now=LATER + timedelta(minutes=5), public_url=PUBLIC_URL)
    # then
    assert again == 0
    assert await OutboxMessage.filter(kind=MAIL_KIND).count() == 2
    # when: one more edit
    own = await Organisation.get(slug="verein-a")
    await editing.update_organisation(
        actor=applicant, organisation_id=own.id, values={"description": {"de": "Neu"}}, now=LATER
    )
    await AuditRecord.filter(at__gt=NOW).update(at=LATER)
    later = await send_directory_digest(now=LATER + timedelta(minutes=10), public_url=PUBLIC_URL)
    # then
    newest = (
        await OutboxMessage.filter(kind=MAIL_KIND, recipient="admin-de@kanton.ch").order_by("-id").first()
    )
    assert later == 2
    assert newest is not None
    assert newest.subject == "Verzeichnis: 1 Änderung(en) durch Organisationen"
    assert "Angaben geändert: Beschreibung\n" in newest.body
    assert "Telefon" not in newest.body


async def test_edits_by_admins_and_edits_still_settling_are_not_in_the_digest(db):
    # given: an admin's edit, and an applicant's edit that is only seconds old
    admin, _ = await admins()
    await factories.organisation("verein-a")
    applicant = await factories.user(Role.APPLICANT, organisation="verein-a")
    own = await Organisation.get(slug="verein-a")
    await editing.update_organisation(actor=admin, organisation_id=own.id, values={"acronym": "VA"}, now=NOW)
    await AuditRecord.all().update(at=NOW)
    await editing.update_organisation(actor=applicant, organisation_id=own.id, values={"phone": "1"}, now=NOW)
    await AuditRecord.filter(actor_id=applicant.id).update(at=LATER - timedelta(seconds=10))
    # when
    written = await send_directory_digest(now=LATER, public_url=PUBLIC_URL)
    # then
    assert written == 0
    assert await OutboxMessage.all().count() == 0
    assert await MailDigest.all().count() == 0


async def test_a_second_worker_that_read_the_same_starting_point_writes_nothing(db, monkeypatch):
    # given: one worker has written the digest
    await applicant_edits()
    await admins()
    assert await send_directory_digest(now=LATER, public_url=PUBLIC_URL) == 2

    # when: another, which read the starting point before that digest was committed, writes too
    async def before_the_first_committed() -> int:
        return 0

    monkeypatch.setattr(digest, "_last_through", before_the_first_committed)
    written = await send_directory_digest(now=LATER, public_url=PUBLIC_URL)
    # then: the database refuses its digest, and none of its mails are left
    assert written == 0
    assert await OutboxMessage.filter(kind=MAIL_KIND).count() == 2
    assert await MailDigest.all().count() == 1


def test_every_field_an_applicant_may_change_is_named_in_every_mail_language():
    # the digest names each changed field; a field without a label would show its code name
    for language, labels in FIELD_LABELS.items():
        assert set(labels) >= APPLICANT_ORGANISATION_FIELDS, language
    assert FIELD_LABELS["de"]["correspondence_language"] == "Sprache der Briefe"
