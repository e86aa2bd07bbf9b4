"""Login throttling in the database: per account and per address, atomic under concurrency, windows end."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from grants import accounts
from grants.errors import DomainError, ErrorCode, RateLimited
from grants.models import AccessToken, AuditRecord, RateLimitCounter, Role, User
from grants.throttle import DatabaseStorage, LoginLimits

SECRET = "throttle-secret-" + "z" * 32
PASSWORD = "correct horse battery"
WRONG = "wrong horse battery!"
LIMITS = LoginLimits(per_account="3 per 15 minutes", per_address="5 per 15 minutes")
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.postgres


async def attempt(email: str, password: str, *, address: str = "203.0.113.7", now: datetime = NOON) -> str:
    """The outcome of one login: "ok" or the refusal's code (with the wait for RATE_LIMITED)."""
    try:
        await accounts.login(
            email=email, password=password, secret=SECRET, now=now, address=address, limits=LIMITS
        )
    except RateLimited as refused:
        return f"RATE_LIMITED {refused.retry_after}"
    except DomainError as refused:
        return refused.code.value
    return "ok"


async def test_the_fourth_attempt_on_an_account_is_refused_with_the_wait_even_with_the_right_password(db):
    # given
    await accounts.create_user(email="lead@example.org", password=PASSWORD, role=Role.ADMIN)
    # when three wrong passwords, then the right one, in the same window
    outcomes = [await attempt("lead@example.org", WRONG, now=NOON + timedelta(seconds=i)) for i in range(3)]
    outcomes.append(await attempt("lead@example.org", PASSWORD, now=NOON + timedelta(seconds=60)))
    # then
    assert outcomes == ["UNAUTHENTICATED"] * 3 + ["RATE_LIMITED 840"]
    assert await AccessToken.all().count() == 0
    # and after the window the right password works again
    assert await attempt("lead@example.org", PASSWORD, now=NOON + timedelta(minutes=15)) == "ok"


async def test_unknown_addresses_are_throttled_exactly_like_known_ones(db):
    await accounts.create_user(email="known@example.org", password=PASSWORD, role=Role.ADMIN)
    known = [await attempt("known@example.org", WRONG) for _ in range(4)]
    unknown = [await attempt("unknown@example.org", WRONG, address="198.51.100.1") for _ in range(4)]
    assert known == unknown == ["UNAUTHENTICATED"] * 3 + ["RATE_LIMITED 900"]


async def test_one_address_trying_many_accounts_is_refused_after_its_own_limit(db):
    outcomes = [await attempt(f"user{i}@example.org", WRONG) for i in range(6)]
    assert outcomes == ["UNAUTHENTICATED"] * 5 + ["RATE_LIMITED 900"]
    # another address is not affected
    assert await attempt("user9@example.org", WRONG, address="198.51.100.2") == "UNAUTHENTICATED"


async def test_a_right_password_clears_the_account_count_but_not_the_address_count(db):
    await accounts.create_user(email="lead@example.org", password=PASSWORD, role=Role.ADMIN)
    assert [await attempt("lead@example.org", WRONG) for _ in range(2)] == ["UNAUTHENTICATED"] * 2
    assert await attempt("lead@example.org", PASSWORD) == "ok"
    assert await RateLimitCounter.filter(key__contains="login-account").count() == 0
    address = await RateLimitCounter.get(key__contains="login-address")
    assert address.hits == 3


async def test_concurrent_attempts_cannot_exceed_the_limit(db):
    # given 20 wrong logins at once on one account (the limit is 3)
    outcomes = await asyncio.gather(
        *(attempt("lead@example.org", WRONG, address=f"192.0.2.{i}") for i in range(20))
    )
    # then exactly 3 were checked, 17 refused without a check
    assert sorted(outcomes).count("UNAUTHENTICATED") == 3
    assert sorted(outcomes).count("RATE_LIMITED 900") == 17
    counter = await RateLimitCounter.get(key__contains="login-account")
    assert counter.hits == 20


async def test_the_storage_opens_a_new_window_when_the_last_has_ended(db):
    now = [1000.0]
    storage = DatabaseStorage(clock=lambda: now[0])
    assert [await storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert (await storage.get("k"), await storage.get_expiry("k")) == (3, 1060.0)
    now[0] = 1060.0
    assert (await storage.get("k"), await storage.get_expiry("k")) == (0, 1060.0)
    assert await storage.incr("k", 60, amount=2) == 2
    assert await storage.get_expiry("k") == 1120.0
    await storage.clear("k")
    assert await storage.get("k") == 0


async def test_change_password_needs_the_current_one_and_revokes_every_token(db):
    # given a user logged in on two devices
    user = await accounts.create_user(email="lead@example.org", password=PASSWORD, role=Role.ADMIN)
    first, _ = await accounts.login(email="lead@example.org", password=PASSWORD, secret=SECRET)
    second, _ = await accounts.login(email="lead@example.org", password=PASSWORD, secret=SECRET)
    # when the current password is wrong and the new one too short
    with pytest.raises(DomainError) as refused:
        await accounts.change_password(user=user, current_password=WRONG, new_password="short", secret=SECRET)
    # then both problems are named and nothing changed
    assert [(p.code, p.field) for p in refused.value.problems] == [
        (ErrorCode.UNAUTHENTICATED, ("current_password",)),
        (ErrorCode.INVALID, ("new_password",)),
    ]
    assert await accounts.authenticate(first, secret=SECRET) is not None
    # when it is right
    token = await accounts.change_password(
        user=user, current_password=PASSWORD, new_password="a much longer passphrase", secret=SECRET
    )
    # then only the new token works, and only the new password
    assert await accounts.authenticate(first, secret=SECRET) is None
    assert await accounts.authenticate(second, secret=SECRET) is None
    current = await accounts.authenticate(token, secret=SECRET)
    assert current is not None
    assert current.id == user.id
    assert await attempt("lead@example.org", PASSWORD) == "UNAUTHENTICATED"


async def test_logout_everywhere_revokes_all_tokens_of_that_user_only(db):
    user = await accounts.create_user(email="lead@example.org", password=PASSWORD, role=Role.ADMIN)
    await accounts.create_user(email="other@example.org", password=PASSWORD, role=Role.ADMIN)
    tokens = [
        (await accounts.login(email="lead@example.org", password=PASSWORD, secret=SECRET))[0] for _ in "ab"
    ]
    other, _ = await accounts.login(email="other@example.org", password=PASSWORD, secret=SECRET)
    assert await accounts.logout_everywhere(user=user) == 2
    assert [await accounts.authenticate(t, secret=SECRET) for t in tokens] == [None, None]
    assert await accounts.authenticate(other, secret=SECRET) is not None
    assert await accounts.logout_everywhere(user=user) == 0


async def test_an_unknown_email_costs_the_same_argon2_verification_as_a_known_one(db, monkeypatch):
    # given a spy on the password hasher
    await accounts.create_user(email="known@example.org", password=PASSWORD, role=Role.ADMIN)
    verified: list[str] = []
    real = accounts._hasher

    class Spy:
        def verify(self, hash: str, password: str) -> bool:
            verified.append(hash[:9])
            return real.verify(hash, password)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(accounts, "_hasher", Spy())
    # when a known and an unknown address log in wrongly
    await attempt("known@example.org", WRONG)
    await attempt("nobody@example.org", WRONG)
    # then both ran exactly one Argon2id verification with the same parameters
    assert verified == ["$argon2id", "$argon2id"]
    assert (
        accounts._DUMMY_HASH.split("$")[3]
        == (await User.get(email="known@example.org")).password_hash.split("$")[3]
    )


async def test_logout_everywhere_and_password_changes_are_audited(db):
    user = await accounts.create_user(email="lead@example.org", password=PASSWORD, role=Role.ADMIN)
    await accounts.logout_everywhere(user=user)
    await accounts.change_password(
        user=user, current_password=PASSWORD, new_password="a much longer passphrase", secret=SECRET
    )
    records = await AuditRecord.filter(entity_type="User", entity_id=user.id).order_by("id")
    assert [record.action for record in records] == [
        "user.create",
        "user.logout_everywhere",
        "user.set_password",
    ]
