"""The outbox and its sender against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from grants.applications import create_application
from grants.mailer import MAX_ATTEMPTS, SmtpTarget, backoff, deliver_due
from grants.models import OutboxMessage, OutboxStatus, Role
from grants.review import request_changes
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.mail import free_port, smtp

__all__ = ["smtp"]  # the fixture, used by name


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
    report = await deliver_due(target=target, now=NOW)
    assert (report.sent, report.retried, report.failed) == (5, 0, 0)
    again = await deliver_due(target=target, now=NOW + timedelta(hours=1))
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
    first = await deliver_due(target=nowhere, now=NOW)
    assert (first.sent, first.retried) == (0, 5)
    assert {(m.attempts, m.next_attempt_at) for m in await OutboxMessage.all()} == {
        (1, NOW + timedelta(seconds=30))
    }
    assert (await deliver_due(target=target, now=NOW + timedelta(seconds=29))).sent == 0  # not due yet
    assert (await deliver_due(target=target, now=NOW + timedelta(seconds=30))).sent == 5
    assert len(inbox.messages) == 5
    stuck = await OutboxMessage.create(
        recipient="x@example.org", subject="s", body="b", kind="TEST", next_attempt_at=NOW
    )
    moment = NOW
    for _ in range(MAX_ATTEMPTS):
        await deliver_due(target=nowhere, now=moment)
        moment += timedelta(days=1)
    kept = await OutboxMessage.get(id=stuck.id)
    assert (kept.status, kept.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert kept.last_error
