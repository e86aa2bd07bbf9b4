"""Password reset against a real database: alike for unknown addresses, one hour, once, every session revoked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from grants import account_links, accounts, password_reset
from grants.errors import DomainError, ErrorCode, RateLimited
from grants.models import AccessToken, AccountToken, AuditRecord, OutboxMessage, Role, TokenPurpose
from grants.throttle import LoginLimits
from tests import factories
from tests.factories import NOW, PASSWORD

SECRET = "test-secret-" + "x" * 32
PUBLIC = "https://kip.example.org"
STRONG = "Glarus-Velo-Trommel-91"
#: The link as the outbox row holds it: a marker in place of the token.
MARKED = f"{PUBLIC}/account/reset/{account_links.MARKER}"


async def _token_in_mail() -> str:
    """The token sealed in the newest reset mail's row (the bodies hold only the marker)."""
    mail = await OutboxMessage.filter(kind="PASSWORD_RESET").order_by("-id").first()
    assert mail is not None
    assert mail.sealed_token is not None
    token = account_links.unseal_token(mail.sealed_token, SECRET)
    assert token is not None
    assert MARKED in mail.body
    return token


async def test_a_reset_link_sets_a_new_password_and_revokes_every_session(db):
    # given: an account signed in on two devices, writing French
    user = await factories.user(Role.REVIEWER)
    user.language = "fr"
    await user.save(update_fields=["language"])
    for _ in range(2):
        await accounts.login(email=user.email, password=PASSWORD, secret=SECRET)
    # when
    await password_reset.request_password_reset(
        secret=SECRET, email=" Reviewer@Example.org", public_url=PUBLIC, now=NOW
    )
    token = await _token_in_mail()
    mail = await OutboxMessage.get(kind="PASSWORD_RESET")
    stored = await AccountToken.get(user_id=user.id)
    bearer, signed_in = await password_reset.reset_password(
        token=token, new_password=STRONG, secret=SECRET, now=NOW + timedelta(minutes=59)
    )
    # then
    assert (mail.recipient, mail.language, mail.subject) == (
        "reviewer@example.org",
        "fr",
        "Nouveau mot de passe pour kipnet",
    )
    assert mail.body.startswith("Bonjour,\n\nQuelqu'un a demandé un nouveau mot de passe kipnet")
    assert "valable 1 heure et une seule fois." in mail.body
    assert f"Choisir un nouveau mot de passe\u00a0:\n{MARKED}\n" in mail.body
    assert mail.html_body is not None
    assert '<html lang="fr">' in mail.html_body
    assert f'<a href="{MARKED}">Choisir un nouveau mot de passe</a>' in mail.html_body
    # the row holds no working link: neither part has the token, which is only sealed
    assert token not in mail.body
    assert token not in mail.html_body
    assert mail.sealed_token is not None
    assert token not in mail.sealed_token
    assert (stored.purpose, stored.digest) == (TokenPurpose.RESET, account_links.link_digest(token))
    assert stored.expires_at == NOW + timedelta(hours=1)
    assert signed_in.id == user.id
    assert await AccessToken.filter(user_id=user.id, revoked_at__isnull=True).count() == 1
    assert (await accounts.authenticate(bearer, secret=SECRET, now=NOW)).id == user.id  # type: ignore[union-attr]
    await accounts.login(email=user.email, password=STRONG, secret=SECRET)
    assert await AuditRecord.filter(action="user.reset_password", entity_id=user.id).count() == 1


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("de", "Neues Passwort für kipnet"),
        ("it", "Nuova password per kipnet"),
        ("rm", "Neues Passwort für kipnet"),
    ],
)
async def test_the_mail_is_in_the_accounts_language_german_when_mails_do_not_speak_it(db, language, subject):
    # given
    await factories.user(Role.REVIEWER, language=language)
    # when
    await password_reset.request_password_reset(
        secret=SECRET, email="reviewer@example.org", public_url=PUBLIC, now=NOW
    )
    # then: the row says which language its texts are in, and both parts are in it
    mail = await OutboxMessage.get(kind="PASSWORD_RESET")
    written = "de" if language == "rm" else language
    assert (mail.language, mail.subject) == (written, subject)
    assert mail.html_body is not None
    assert f'<html lang="{written}">' in mail.html_body
    assert mail.body.startswith({"de": "Guten Tag\n\nJemand", "it": "Buongiorno\n\nQualcuno"}[written])


async def test_expired_reused_forged_and_replaced_links_are_refused_alike(db):
    user = await factories.user(Role.REVIEWER)
    await password_reset.request_password_reset(secret=SECRET, email=user.email, public_url=PUBLIC, now=NOW)
    replaced = await _token_in_mail()
    await password_reset.request_password_reset(secret=SECRET, email=user.email, public_url=PUBLIC, now=NOW)
    token = await _token_in_mail()
    attempts = [
        (token, NOW + timedelta(hours=1, seconds=1)),  # expired
        (replaced, NOW),  # replaced by the newer link
        ("A" * 43, NOW),  # forged
    ]
    refusals = []
    for candidate, when in attempts:
        with pytest.raises(DomainError) as caught:
            await password_reset.reset_password(token=candidate, new_password=STRONG, secret=SECRET, now=when)
        refusals.append(caught.value.problems)
    await password_reset.reset_password(token=token, new_password=STRONG, secret=SECRET, now=NOW)
    with pytest.raises(DomainError) as reused:
        await password_reset.reset_password(token=token, new_password=STRONG + "!", secret=SECRET, now=NOW)
    refusals.append(reused.value.problems)
    assert all(problems == refusals[0] for problems in refusals)
    assert [(p.code, p.field) for p in refusals[0]] == [(ErrorCode.INVALID, ("token",))]
    # the password is the one set by the single successful use
    await accounts.login(email=user.email, password=STRONG, secret=SECRET)


async def test_an_unknown_address_runs_the_same_statements_and_writes_nothing(db, sql_statements):
    await factories.user(Role.REVIEWER)
    shapes = []
    for email in ("reviewer@example.org", "nobody@example.org"):
        sql_statements.statements.clear()
        await password_reset.request_password_reset(secret=SECRET, email=email, public_url=PUBLIC, now=NOW)
        shapes.append([re.sub(r"'[^']*'", "?", s) for s in sql_statements.statements])
    assert shapes[0] == shapes[1]
    assert [m.recipient for m in await OutboxMessage.all()] == ["reviewer@example.org"]
    assert await AccountToken.all().count() == 1


async def test_a_deactivated_or_invited_account_gets_no_reset_mail(db):
    user = await factories.user(Role.REVIEWER)
    user.is_active = False
    await user.save(update_fields=["is_active"])
    await password_reset.request_password_reset(secret=SECRET, email=user.email, public_url=PUBLIC, now=NOW)
    assert await OutboxMessage.all().count() == 0
    assert await AccountToken.all().count() == 0


async def test_resets_are_throttled_per_address_like_logins(db):
    limits = LoginLimits(per_account="2 per 15 minutes")
    for _ in range(2):
        await password_reset.request_password_reset(
            secret=SECRET, email="x@example.org", public_url=PUBLIC, now=NOW, limits=limits
        )
    with pytest.raises(RateLimited):
        await password_reset.request_password_reset(
            secret=SECRET, email="x@example.org", public_url=PUBLIC, now=NOW, limits=limits
        )
    # logins are counted apart
    with pytest.raises(DomainError) as login:
        await accounts.login(email="x@example.org", password="whatever-it-is", secret=SECRET, limits=limits)
    assert login.value.code is ErrorCode.UNAUTHENTICATED


async def test_a_malformed_address_is_refused(db):
    with pytest.raises(DomainError) as caught:
        await password_reset.request_password_reset(secret=SECRET, email="nobody", public_url=PUBLIC, now=NOW)
    assert [(p.code, p.field) for p in caught.value.problems] == [(ErrorCode.INVALID, ("email",))]
