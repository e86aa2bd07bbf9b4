"""The outbox and its sender against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from grants import account_links, totp
from grants.applications import create_application
from grants.mailer import MAX_ATTEMPTS, SEAL_BROKEN, SmtpTarget, backoff, deliver_due
from grants.models import OutboxMessage, OutboxStatus, Role
from grants.review import request_changes
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.mail import free_port, smtp

__all__ = ["smtp"]  # the fixture, used by name
SECRET = "test-secret-" + "x" * 32


async def submitted_and_sent_back() -> None:
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="lead@verein-a.example.org", organisation="verein-a")
    await factories.user(Role.APPLICANT, email="kassier@verein-a.example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER, email="rita@fibl.example.org")
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await request_changes(
        actor=reviewer,
        application_id=draft.id,
        message="Bitte Budget präzisieren",
        now=NOW,
        public_url=PUBLIC_URL,
    )


def test_backoff_doubles_from_30_seconds_up_to_6_hours():
    assert [backoff(n) for n in (1, 2, 3)] == [
        timedelta(seconds=30),
        timedelta(minutes=1),
        timedelta(minutes=2),
    ]
    assert backoff(30) == timedelta(hours=6)


def test_smtp_urls():
    assert SmtpTarget.from_url("smtps://kip%40bl:s3cret@mail.bl.ch", "a@b") == SmtpTarget(
        hostname="mail.bl.ch", port=465, sender="a@b", username="kip@bl", password="s3cret", use_tls=True
    )
    assert SmtpTarget.from_url("smtp://localhost:2525", "a@b").port == 2525
    with pytest.raises(ValueError, match="An SMTP URL looks like"):
        SmtpTarget.from_url("http://localhost", "a@b")


async def test_each_step_writes_its_mails_and_the_sender_delivers_each_once(seeded_db, smtp):
    inbox, target = smtp
    await submitted_and_sent_back()
    # the steps wrote their messages: receipt to both members, news to staff, the change request
    written = [(m.kind, m.recipient) for m in await OutboxMessage.all().order_by("id")]
    assert written == [
        ("RECEIVED", "kassier@verein-a.example.org"),
        ("RECEIVED", "lead@verein-a.example.org"),
        ("SUBMITTED", "rita@fibl.example.org"),
        ("CHANGES_REQUESTED", "kassier@verein-a.example.org"),
        ("CHANGES_REQUESTED", "lead@verein-a.example.org"),
    ]
    report = await deliver_due(target=target, now=NOW, secret=SECRET)
    assert (report.sent, report.retried, report.failed) == (5, 0, 0)
    again = await deliver_due(target=target, now=NOW + timedelta(hours=1), secret=SECRET)
    assert (again.sent, len(inbox.messages)) == (0, 5)
    change = inbox.messages[3]
    assert change["Subject"] == "Änderungen verlangt: KIP-2026-0001"
    assert change["To"] == "kassier@verein-a.example.org"
    assert change.get_content_type() == "multipart/alternative"
    assert change["Content-Language"] == "de"
    text = change.get_body(preferencelist=("plain",))
    html = change.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    body = text.get_content()
    assert "Bitte Budget präzisieren" in body
    assert "KIP-2026-0001 «Deutsch im Quartier»" in body
    assert f"{PUBLIC_URL}/applications/KIP-2026-0001" in body
    assert f'<a href="{PUBLIC_URL}/applications/KIP-2026-0001">' in html.get_content()
    assert len({m["Message-ID"] for m in inbox.messages}) == 5


async def test_failures_are_retried_later_and_given_up_only_after_the_last_try(seeded_db, smtp):
    inbox, target = smtp
    await submitted_and_sent_back()
    nowhere = SmtpTarget(hostname="127.0.0.1", port=free_port(), sender=target.sender)
    first = await deliver_due(target=nowhere, now=NOW, secret=SECRET)
    assert (first.sent, first.retried) == (0, 5)
    assert {(m.attempts, m.next_attempt_at) for m in await OutboxMessage.all()} == {
        (1, NOW + timedelta(seconds=30))
    }
    assert (
        await deliver_due(target=target, now=NOW + timedelta(seconds=29), secret=SECRET)
    ).sent == 0  # not due yet
    assert (await deliver_due(target=target, now=NOW + timedelta(seconds=30), secret=SECRET)).sent == 5
    assert len(inbox.messages) == 5
    stuck = await OutboxMessage.create(
        recipient="x@example.org", subject="s", body="b", kind="TEST", next_attempt_at=NOW
    )
    moment = NOW
    for _ in range(MAX_ATTEMPTS):
        await deliver_due(target=nowhere, now=moment, secret=SECRET)
        moment += timedelta(days=1)
    kept = await OutboxMessage.get(id=stuck.id)
    assert (kept.status, kept.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert kept.last_error


MARKED = f"{PUBLIC_URL}/account/reset/{account_links.MARKER}"


async def sealed_row(token: str | None, sealed_with: str = SECRET) -> OutboxMessage:
    """A reset mail as the outbox holds it: the marker link in both parts, the token sealed beside."""
    return await OutboxMessage.create(
        recipient="rita@fibl.example.org",
        subject="Neues Passwort",
        body=f"Link:\n{MARKED}\n",
        html_body=f'<p><a href="{MARKED}">Neues Passwort</a></p>',
        kind="PASSWORD_RESET",
        next_attempt_at=NOW,
        sealed_token=account_links.seal_token(token, sealed_with) if token else None,
    )


async def test_a_sealed_link_is_opened_only_into_the_mail_sent_and_then_scrubbed(db, smtp):
    # given
    inbox, target = smtp
    token, _ = account_links.new_token()
    row = await sealed_row(token)
    # when
    report = await deliver_due(target=target, now=NOW, secret=SECRET)
    # then: both parts of the mail hold the working link, the row the marker and no sealed token
    link = f"{PUBLIC_URL}/account/reset/{token}"
    assert (report.sent, report.failed) == (1, 0)
    [mail] = inbox.messages
    text, html = mail.get_body(("plain",)), mail.get_body(("html",))
    assert text is not None
    assert html is not None
    # SMTP carries lines ending in CRLF
    assert text.get_content().replace("\r\n", "\n") == f"Link:\n{link}\n"
    assert html.get_content().replace("\r\n", "\n") == f'<p><a href="{link}">Neues Passwort</a></p>\n'
    sent = await OutboxMessage.get(id=row.id)
    assert sent.status is OutboxStatus.SENT
    assert sent.sealed_token is None
    assert (sent.body, sent.html_body) == (row.body, row.html_body)


async def test_a_seal_from_another_app_secret_is_never_sent_and_fails_for_good(db, smtp, caplog):
    # given: a reset mail sealed before the app secret changed, and one with the marker but no seal
    inbox, target = smtp
    token, _ = account_links.new_token()
    other = await sealed_row(token, sealed_with="an-earlier-secret-" + "y" * 32)
    unsealed = await sealed_row(None)
    # when
    report = await deliver_due(target=target, now=NOW, secret=SECRET)
    # then: nothing sent, both given up at once with the reason logged, the useless seal dropped
    assert (report.sent, report.retried, report.failed) == (0, 0, 2)
    assert inbox.messages == []
    for row in (other, unsealed):
        kept = await OutboxMessage.get(id=row.id)
        assert (kept.status, kept.attempts, kept.last_error) == (OutboxStatus.FAILED, 1, SEAL_BROKEN)
        assert kept.sealed_token is None
        assert (kept.body, kept.html_body) == (row.body, row.html_body)
    assert [r.getMessage() for r in caplog.records if r.name == "kipnet.mailer"] == [
        f"mail {other.id} to rita@fibl.example.org given up: {SEAL_BROKEN}",
        f"mail {unsealed.id} to rita@fibl.example.org given up: {SEAL_BROKEN}",
    ]
    # and a later round does not try them again
    assert (await deliver_due(target=target, now=NOW + timedelta(days=1), secret=SECRET)).failed == 0
    assert inbox.messages == []


def test_a_seal_for_links_does_not_open_as_another_use_of_the_same_secret():
    # given: the same value sealed for outbox links and as a two-factor secret
    sealed = account_links.seal_token("abc", SECRET)
    # then: each opens only for its own use (the HKDF info differs)
    assert account_links.unseal_token(sealed, SECRET) == "abc"
    assert totp.unseal(sealed, SECRET) is None
    assert account_links.unseal_token(totp.seal("abc", SECRET), SECRET) is None
