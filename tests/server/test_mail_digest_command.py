"""`kipnet mail digest` as an operator runs it: a real process on a real database file."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tortoise import Tortoise

from grants.database import tortoise_config
from grants.directory import editing
from grants.models import AuditRecord, Organisation, Role
from tests import factories
from tests.server.test_command_line import rows, run


async def an_applicants_edit(url: str) -> None:
    """An admin, and an applicant of verein-a who changed its phone two minutes ago."""
    await Tortoise.init(config=tortoise_config(url))
    try:
        await factories.organisation("verein-a", name="Verein A")
        await factories.user(Role.ADMIN)
        applicant = await factories.user(Role.APPLICANT, organisation="verein-a")
        own = await Organisation.get(slug="verein-a")
        now = datetime.now(UTC)
        await editing.update_organisation(
            actor=applicant, organisation_id=own.id, values={"phone": "1"}, now=now
        )
        await AuditRecord.all().update(at=now - timedelta(minutes=2))
    finally:
        await Tortoise.close_connections()


def test_mail_digest_writes_the_admins_digest_once(tmp_path: Path):
    # given
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    asyncio.run(an_applicants_edit(f"sqlite://{tmp_path / 'k.sqlite3'}"))
    # when
    first = run(["mail", "digest"], tmp_path, KIPNET_PUBLIC_URL="https://kipnet.example.ch")
    second = run(["mail", "digest"], tmp_path, KIPNET_PUBLIC_URL="https://kipnet.example.ch")
    # then
    assert (first.returncode, first.stdout.strip()) == (
        0,
        "kipnet: directory digest: 1 mail(s) written to the outbox",
    )
    assert (second.returncode, second.stdout.strip()) == (
        0,
        "kipnet: directory digest: 0 mail(s) written to the outbox",
    )
    [(recipient, kind, body)] = rows(tmp_path, "SELECT recipient, kind, body FROM outbox_message")
    assert (recipient, kind) == ("admin@example.org", "DIRECTORY_EDITS")
    assert "Eintrag ansehen: https://kipnet.example.ch/admin/organisations/verein-a\n" in str(body)
