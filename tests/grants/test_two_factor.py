"""Two-factor sign-in against a real database: setup, login with a code, recovery codes, refusals."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from grants import account_links, accounts, password_reset, two_factor
from grants.errors import DomainError, ErrorCode, RateLimited
from grants.models import AccessToken, AuditRecord, OutboxMessage, RecoveryCode, Role, TwoFactorSecret, User
from grants.throttle import LoginLimits
from tests import factories

SECRET = "test-secret-" + "x" * 32
LIMITS = LoginLimits()
EMAIL = "approver@example.org"


async def turned_on(user: User) -> tuple[pyotp.TOTP, list[str], datetime]:
    """Two-factor sign-in on for `user`: its TOTP, its recovery codes, and when it was confirmed."""
    setup = await two_factor.begin_setup(user=user, secret=SECRET)
    app = pyotp.TOTP(setup.secret.replace(" ", ""))
    now = datetime.now(UTC)
    codes = await two_factor.confirm(
        user=user, code=app.at(now), secret=SECRET, now=now, limits=LIMITS, address="a"
    )
    return app, codes, now


async def login(code: str | None = None, *, password: str = factories.PASSWORD, **kwargs) -> str:
    token, _ = await accounts.login(email=EMAIL, password=password, secret=SECRET, code=code, **kwargs)
    return token


async def test_confirming_turns_it_on_and_keeps_only_digests_of_ten_recovery_codes(db):
    # given
    user = await factories.user(Role.APPROVER)
    # when
    _, codes, _ = await turned_on(user)
    # then
    assert (await User.get(id=user.id)).two_factor_enabled is True
    stored = [row.code_digest for row in await RecoveryCode.filter(user_id=user.id)]
    assert len(stored) == 10
    assert not set(codes) & set(stored)
    sealed = (await TwoFactorSecret.get(user_id=user.id)).sealed_secret
    assert all(code not in sealed for code in codes)
    actions = [row.action for row in await AuditRecord.filter(entity_id=user.id).order_by("id")]
    assert actions[-2:] == ["user.two_factor_setup", "user.two_factor_enable"]


async def test_a_wrong_first_code_changes_nothing(db):
    user = await factories.user(Role.APPROVER)
    await two_factor.begin_setup(user=user, secret=SECRET)
    with pytest.raises(DomainError) as caught:
        await two_factor.confirm(
            user=user, code="000000", secret=SECRET, now=datetime.now(UTC), limits=LIMITS, address="a"
        )
    assert [(p.code, p.field) for p in caught.value.problems] == [(ErrorCode.INVALID, ("code",))]
    assert (await User.get(id=user.id)).two_factor_enabled is False
    assert await RecoveryCode.filter(user_id=user.id).count() == 0


async def test_login_asks_for_the_code_only_after_the_right_password(db):
    # given
    user = await factories.user(Role.APPROVER)
    app, _, confirmed = await turned_on(user)
    # when / then: a wrong password is refused as ever, no hint of a second factor
    with pytest.raises(DomainError) as wrong_password:
        await login(password="wrong password!!", code=None)
    assert wrong_password.value.code is ErrorCode.UNAUTHENTICATED
    assert wrong_password.value.problems[0].field == ()
    # the right password without a code
    with pytest.raises(DomainError) as no_code:
        await login()
    assert [(p.code, p.field) for p in no_code.value.problems] == [(ErrorCode.TWO_FACTOR_REQUIRED, ("code",))]
    # a wrong code
    with pytest.raises(DomainError) as wrong_code:
        await login("123456" if app.at(confirmed) != "123456" else "654321")
    assert [(p.code, p.field) for p in wrong_code.value.problems] == [(ErrorCode.UNAUTHENTICATED, ("code",))]
    assert await AccessToken.all().count() == 0
    # the next step's code (the confirmed one is spent) lets in, once
    following = app.at(confirmed + timedelta(seconds=30))
    assert await accounts.authenticate(await login(following), secret=SECRET) is not None
    with pytest.raises(DomainError) as replay:
        await login(following)
    assert replay.value.code is ErrorCode.UNAUTHENTICATED
    assert await AccessToken.all().count() == 1


async def test_a_recovery_code_lets_in_once(db):
    user = await factories.user(Role.APPROVER)
    _, codes, _ = await turned_on(user)
    assert await login(f" {codes[3].upper()} ")
    with pytest.raises(DomainError):
        await login(codes[3])
    assert await two_factor.recovery_codes_left(user=user) == 9
    assert await AuditRecord.filter(action="user.recovery_code_used", entity_id=user.id).count() == 1


async def test_wrong_codes_are_throttled_like_wrong_passwords(db):
    await turned_on(await factories.user(Role.APPROVER))
    strict = LoginLimits(per_account="3 per 15 minutes")
    for _ in range(3):
        with pytest.raises(DomainError) as refused:
            await login("999999x", limits=strict)
        assert refused.value.code is ErrorCode.UNAUTHENTICATED
    with pytest.raises(RateLimited):
        await login("999999x", limits=strict)


async def test_turning_off_needs_the_password_and_a_code_and_a_wrong_password_spends_no_code(db):
    # given
    user = await factories.user(Role.APPROVER)
    _, codes, _ = await turned_on(user)
    now = datetime.now(UTC)
    # when: a wrong password with a right recovery code
    with pytest.raises(DomainError) as refused:
        await two_factor.disable(
            user=user, password="wrong", code=codes[0], secret=SECRET, now=now, limits=LIMITS, address="a"
        )
    # then
    assert [p.field for p in refused.value.problems] == [("password",)]
    assert await two_factor.recovery_codes_left(user=user) == 10
    assert (await User.get(id=user.id)).two_factor_enabled is True
    # when: both right
    await two_factor.disable(
        user=user,
        password=factories.PASSWORD,
        code=codes[0],
        secret=SECRET,
        now=now,
        limits=LIMITS,
        address="a",
    )
    # then
    assert (await User.get(id=user.id)).two_factor_enabled is False
    assert await TwoFactorSecret.filter(user_id=user.id).count() == 0
    assert await RecoveryCode.filter(user_id=user.id).count() == 0
    assert await login()


async def test_regenerating_voids_the_old_recovery_codes(db):
    user = await factories.user(Role.APPROVER)
    _, old, _ = await turned_on(user)
    new = await two_factor.regenerate_recovery_codes(
        user=user,
        password=factories.PASSWORD,
        code=old[0],
        secret=SECRET,
        now=datetime.now(UTC),
        limits=LIMITS,
        address="a",
    )
    assert len(new) == 10
    with pytest.raises(DomainError):
        await login(old[1])
    assert await login(new[1])


async def test_the_operator_reset_turns_it_off_and_an_unknown_address_is_refused(db):
    user = await factories.user(Role.ADMIN, email=EMAIL)
    await turned_on(user)
    await two_factor.reset(email=" Approver@Example.org ")
    assert (await User.get(id=user.id)).two_factor_enabled is False
    assert await AuditRecord.filter(action="user.two_factor_reset", entity_id=user.id).count() == 1
    with pytest.raises(DomainError) as unknown:
        await two_factor.reset(email="nobody@example.org")
    assert unknown.value.code is ErrorCode.NOT_FOUND


async def test_a_reset_link_alone_does_not_get_round_the_second_factor(db):
    # given: an approver with two-factor sign-in, signed in once, who asked for a reset link
    user = await factories.user(Role.APPROVER)
    app, codes, confirmed = await turned_on(user)
    await login(codes[0])  # the confirming code's step is spent; a recovery code signs in
    before = (await User.get(id=user.id)).password_hash
    await password_reset.request_password_reset(
        email=EMAIL, public_url="https://kip.test", secret=SECRET, now=confirmed
    )
    mail = await OutboxMessage.filter(kind="PASSWORD_RESET").order_by("-id").first()
    assert mail is not None
    assert mail.sealed_token is not None
    token = account_links.unseal_token(mail.sealed_token, SECRET)  # the row keeps it only sealed
    assert token is not None
    new_password = "Glarus-Velo-Trommel-91"
    # when the link is used without a code, then with a wrong one
    refusals = []
    for code in (None, "000000"):
        with pytest.raises(DomainError) as caught:
            await password_reset.reset_password(
                token=token, new_password=new_password, code=code, secret=SECRET, now=confirmed
            )
        refusals.append([(p.code, p.field) for p in caught.value.problems])
    # then both are refused at the code, and nothing changed: password, session, link
    assert refusals == [
        [(ErrorCode.TWO_FACTOR_REQUIRED, ("code",))],
        [(ErrorCode.UNAUTHENTICATED, ("code",))],
    ]
    assert (await User.get(id=user.id)).password_hash == before
    assert await AccessToken.filter(user_id=user.id, revoked_at__isnull=True).count() == 1
    assert await AuditRecord.filter(action="user.reset_password").count() == 0
    # and with the next code the same link sets the password and signs in anew
    later = confirmed + timedelta(seconds=30)
    bearer, signed_in = await password_reset.reset_password(
        token=token, new_password=new_password, code=app.at(later), secret=SECRET, now=later
    )
    assert signed_in.id == user.id
    assert [row.token_hash for row in await AccessToken.filter(user_id=user.id, revoked_at__isnull=True)] == [
        accounts.token_digest(bearer, SECRET)
    ]
