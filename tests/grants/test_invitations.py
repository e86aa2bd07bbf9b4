"""Invitations against a real database: who may invite whom, re-invitations, acceptance, the token at rest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from grants import account_links, invitations
from grants.errors import DomainError, ErrorCode
from grants.models import (
    AccessToken,
    AccountToken,
    AuditRecord,
    Organisation,
    OutboxMessage,
    Role,
    TokenPurpose,
    User,
)
from tests import factories
from tests.factories import NOW

SECRET = "test-secret-" + "x" * 32
PUBLIC = "https://kip.example.org"
STRONG = "Glarus-Velo-Trommel-91"
#: The link as the outbox row holds it: a marker in place of the token.
MARKED = f"{PUBLIC}/account/invitation/{account_links.MARKER}"


async def _token_in_mail(recipient: str) -> str:
    """The token sealed in the newest invitation's row (the bodies hold only the marker)."""
    mail = await OutboxMessage.filter(recipient=recipient, kind="INVITATION").order_by("-id").first()
    assert mail is not None
    assert mail.sealed_token is not None
    token = account_links.unseal_token(mail.sealed_token, SECRET)
    assert token is not None
    assert MARKED in mail.body
    return token


async def _invite(actor: User, email: str = "new@ald.ch", **values: object) -> User:
    arguments: dict[str, object] = {"role": Role.APPLICANT, "organisation_slug": "ald"} | values
    return await invitations.invite_user(
        actor=actor,
        email=email,
        public_url=PUBLIC,
        secret=SECRET,
        now=NOW,
        **arguments,  # type: ignore[arg-type]
    )


async def test_an_admin_invites_an_applicant_who_accepts_and_is_signed_in(seeded_db):
    # given
    admin = await factories.user(Role.ADMIN)
    # when
    invited = await _invite(admin, name="Lea Meier", language="fr")
    token = await _token_in_mail("new@ald.ch")
    # then: a pending account, only the digest stored, a French mail
    assert (invited.is_active, invited.language, invited.password_hash) == (False, "fr", "!invited")
    stored = await AccountToken.get(user_id=invited.id)
    assert (stored.purpose, stored.digest) == (TokenPurpose.INVITATION, account_links.link_digest(token))
    assert stored.expires_at == NOW + timedelta(days=7)
    mail = await OutboxMessage.get(recipient="new@ald.ch")
    ald = await Organisation.get(slug="ald")
    assert (mail.kind, mail.language, mail.subject) == ("INVITATION", "fr", "Invitation à kipnet")
    assert mail.body.startswith(f"Bonjour,\n\n{admin.display_name} vous invite à kipnet")
    assert (
        f"({ald.name.get('fr') or ald.name['de']}). Votre compte est préparé au nom de Lea Meier."
        in mail.body
    )
    assert "valable 7 jours et une seule fois." in mail.body
    assert f"Accepter l'invitation\u00a0:\n{MARKED}\n" in mail.body
    assert mail.html_body is not None
    assert '<html lang="fr">' in mail.html_body
    assert f'<a href="{MARKED}">Accepter l\'invitation</a>' in mail.html_body
    # the row holds no working link: neither part has the token, which is only sealed
    assert mail.sealed_token is not None
    assert token not in mail.body
    assert token not in mail.html_body
    assert token not in mail.sealed_token
    # when
    bearer, user = await invitations.accept_invitation(
        token=token, password=STRONG, name="Léa Meier", secret=SECRET, now=NOW + timedelta(days=6)
    )
    # then
    assert (user.id, user.is_active, user.display_name) == (invited.id, True, "Léa Meier")
    assert await AccessToken.filter(user_id=user.id).count() == 1
    assert bearer
    records = await AuditRecord.filter(entity_id=user.id, entity_type="User").order_by("id")
    assert [r.action for r in records] == ["user.invite", "user.accept_invitation"]


async def test_an_invitation_works_once_and_not_after_seven_days(seeded_db):
    admin = await factories.user(Role.ADMIN)
    await _invite(admin)
    token = await _token_in_mail("new@ald.ch")
    with pytest.raises(DomainError) as expired:
        await invitations.accept_invitation(
            token=token, password=STRONG, secret=SECRET, now=NOW + timedelta(days=7, seconds=1)
        )
    assert [(p.code, p.field) for p in expired.value.problems] == [(ErrorCode.INVALID, ("token",))]
    await invitations.accept_invitation(token=token, password=STRONG, secret=SECRET, now=NOW)
    with pytest.raises(DomainError) as reused:
        await invitations.accept_invitation(token=token, password=STRONG + "x", secret=SECRET, now=NOW)
    assert reused.value.problems == expired.value.problems
    with pytest.raises(DomainError) as forged:
        await invitations.accept_invitation(token="A" * 43, password=STRONG, secret=SECRET, now=NOW)
    assert forged.value.problems == expired.value.problems


async def test_a_weak_password_keeps_the_link_usable(seeded_db):
    admin = await factories.user(Role.ADMIN)
    await _invite(admin, name="Lea Meier")
    token = await _token_in_mail("new@ald.ch")
    with pytest.raises(DomainError) as caught:
        await invitations.accept_invitation(token=token, password="LeaMeier2026!!", secret=SECRET, now=NOW)
    assert [(p.code, p.field) for p in caught.value.problems] == [(ErrorCode.INVALID, ("password",))]
    assert (await User.get(email="new@ald.ch")).is_active is False
    await invitations.accept_invitation(token=token, password=STRONG, secret=SECRET, now=NOW)


async def test_inviting_again_replaces_the_link_and_an_active_account_is_refused(seeded_db):
    admin = await factories.user(Role.ADMIN)
    await _invite(admin)
    first = await _token_in_mail("new@ald.ch")
    await _invite(admin)
    second = await _token_in_mail("new@ald.ch")
    with pytest.raises(DomainError):
        await invitations.accept_invitation(token=first, password=STRONG, secret=SECRET, now=NOW)
    await invitations.accept_invitation(token=second, password=STRONG, secret=SECRET, now=NOW)
    mails = await OutboxMessage.filter(kind="INVITATION").count()
    # when: the account is active now
    with pytest.raises(DomainError) as caught:
        await _invite(admin)
    # then
    assert [(p.code, p.field, p.message) for p in caught.value.problems] == [
        (ErrorCode.CONFLICT, ("email",), "new@ald.ch has an account already")
    ]
    assert await OutboxMessage.filter(kind="INVITATION").count() == mails


async def test_an_applicant_invites_only_applicant_colleagues_of_its_own_organisation(seeded_db):
    lead = await factories.user(Role.APPLICANT, email="lead@ald.ch", organisation="ald")
    colleague = await invitations.invite_user(
        actor=lead, email="colleague@ald.ch", role=Role.APPLICANT, public_url=PUBLIC, secret=SECRET, now=NOW
    )
    assert colleague.organisation_id == lead.organisation_id
    refused: list[dict[str, object]] = [
        {"role": Role.ADMIN, "organisation_slug": None},
        {"role": Role.REVIEWER, "organisation_slug": None},
        {"role": Role.APPLICANT, "organisation_slug": "fibl"},
    ]
    for values in refused:
        with pytest.raises(DomainError) as caught:
            await _invite(lead, "someone@example.org", **values)
        assert caught.value.code is ErrorCode.FORBIDDEN
    assert await User.filter(email="someone@example.org").count() == 0


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.APPROVER])
async def test_staff_other_than_admins_may_not_invite(seeded_db, role: Role):
    actor = await factories.user(role)
    with pytest.raises(DomainError) as caught:
        await _invite(actor)
    assert caught.value.code is ErrorCode.FORBIDDEN
    assert await OutboxMessage.all().count() == 0


async def test_bad_invitations_say_everything_wrong_and_change_nothing(seeded_db):
    admin = await factories.user(Role.ADMIN)
    with pytest.raises(DomainError) as caught:
        await _invite(admin, "no-address", organisation_slug="nowhere", language="rm")
    assert sorted((p.code, p.field) for p in caught.value.problems) == [
        (ErrorCode.INVALID, ("email",)),
        (ErrorCode.INVALID, ("language",)),
        (ErrorCode.NOT_FOUND, ("organisation",)),
    ]
    assert await User.filter(role=Role.APPLICANT).count() == 0
    assert await AccountToken.all().count() == 0
