"""Accounts against a real database: hashing, tokens, expiry, revocation, same answer for bad logins."""

from datetime import UTC, datetime, timedelta

import pytest

from grants import accounts
from grants.errors import DomainError, ErrorCode
from grants.models import AccessToken, AuditRecord, Role, User

SECRET = "test-secret-" + "x" * 32
PASSWORD = "correct horse battery"


async def test_login_issues_a_token_stored_only_as_a_keyed_hash(db):
    # given
    user = await accounts.create_user(email=" Reviewer@Example.org ", password=PASSWORD, role=Role.REVIEWER)
    # when
    token, logged_in = await accounts.login(email="reviewer@example.org", password=PASSWORD, secret=SECRET)
    # then
    assert logged_in.id == user.id
    stored = await AccessToken.get(user_id=user.id)
    assert stored.token_hash == accounts.token_digest(token, SECRET)
    assert token not in stored.token_hash
    authenticated = await accounts.authenticate(token, secret=SECRET)
    assert authenticated is not None
    assert authenticated.id == user.id
    assert await accounts.authenticate(token, secret="another-secret") is None
    assert user.password_hash.startswith("$argon2id$")


async def test_unknown_email_and_wrong_password_get_the_same_refusal(db):
    await accounts.create_user(email="a@example.org", password=PASSWORD, role=Role.ADMIN)
    refusals = []
    for email, password in (("nobody@example.org", PASSWORD), ("a@example.org", "wrong password!!")):
        with pytest.raises(DomainError) as caught:
            await accounts.login(email=email, password=password, secret=SECRET)
        refusals.append(caught.value.problems)
    assert refusals[0] == refusals[1]
    assert refusals[0][0].code is ErrorCode.UNAUTHENTICATED
    assert await AccessToken.all().count() == 0


async def test_tokens_expire_and_can_be_revoked(db):
    await accounts.create_user(email="a@example.org", password=PASSWORD, role=Role.ADMIN)
    token, _ = await accounts.login(email="a@example.org", password=PASSWORD, secret=SECRET)
    later = datetime.now(UTC) + accounts.TOKEN_LIFETIME + timedelta(seconds=1)
    assert await accounts.authenticate(token, secret=SECRET, now=later) is None
    assert await accounts.logout(token, secret=SECRET) is True
    assert await accounts.authenticate(token, secret=SECRET) is None
    assert await accounts.logout(token, secret=SECRET) is False


async def test_a_token_names_its_own_user_only_while_the_token_and_the_account_are_valid(db, sql_statements):
    # given two accounts, one with a revoked and a valid token, the other with a valid token
    await accounts.create_user(email="a@example.org", password=PASSWORD, role=Role.ADMIN)
    await accounts.create_user(email="b@example.org", password=PASSWORD, role=Role.REVIEWER)
    revoked, _ = await accounts.login(email="a@example.org", password=PASSWORD, secret=SECRET)
    valid, a = await accounts.login(email="a@example.org", password=PASSWORD, secret=SECRET)
    other, b = await accounts.login(email="b@example.org", password=PASSWORD, secret=SECRET)
    await accounts.logout(revoked, secret=SECRET)
    # when each token is presented
    sql_statements.statements.clear()
    found = [await accounts.authenticate(token, secret=SECRET) for token in (revoked, valid, other)]
    # then each valid one names its own account, in one statement each
    assert [user.id if user else None for user in found] == [None, a.id, b.id]
    assert len(sql_statements.statements) == 3
    # and a deactivated account's valid token names nobody
    await User.filter(id=b.id).update(is_active=False)
    assert await accounts.authenticate(other, secret=SECRET) is None


async def test_short_passwords_and_applicants_without_organisation_are_refused_and_nothing_is_stored(db):
    with pytest.raises(DomainError) as caught:
        await accounts.create_user(email="not-an-address", password="short", role=Role.APPLICANT)
    assert [(p.code, p.field) for p in caught.value.problems] == [
        (ErrorCode.INVALID, ("password",)),
        (ErrorCode.INVALID, ("email",)),
        (ErrorCode.INVALID, ("organisation",)),
    ]
    assert await User.all().count() == 0
    assert await AuditRecord.all().count() == 0


async def test_creating_a_user_is_audited_and_duplicate_emails_conflict(db):
    await accounts.create_user(email="a@example.org", password=PASSWORD, role=Role.ADMIN)
    with pytest.raises(DomainError) as caught:
        await accounts.create_user(email="A@example.org", password=PASSWORD, role=Role.REVIEWER)
    assert caught.value.code is ErrorCode.CONFLICT
    records = await AuditRecord.all()
    assert [(r.action, r.changes["email"]) for r in records] == [("user.create", "a@example.org")]
