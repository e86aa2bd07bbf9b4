"""Forgotten passwords: a one-hour link by mail, answered alike whether or not the address has an account.

request_password_reset runs the same statements with the same parameters for a known and an unknown
address: the older links are retired, the new token's digest and the mail are written by
INSERT … SELECT from the account's row, which insert nothing when there is no active account with
that address. The mail's link holds a marker and the token is stored sealed beside it (so the
outbox holds no working link); the seal is made for both alike. Neither the answer, nor the
statements, nor (up to noise) the time tell the difference.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise import connections

from grants import account_links, audit
from grants.accounts import (
    TOKEN_LIFETIME,
    hash_password,
    issue_token,
    normalise_email,
    require_second_factor,
    revoke_tokens,
)
from grants.atomic import atomic
from grants.errors import ErrorCode, Problem, raise_if_any
from grants.mails import MAIL_LANGUAGES, compose
from grants.mails.catalogue import SOURCE_LANGUAGE
from grants.mails.kinds.accounts import PASSWORD_RESET
from grants.models import OutboxStatus, TokenPurpose, User
from grants.passwords import password_problems, personal_pieces
from grants.throttle import LoginLimits, LoginThrottle

#: Throttle scope: resets are counted apart from logins, with the same limits.
SCOPE = "reset"

_RETIRE = """
UPDATE account_token SET used_at = {p}1{ts}
WHERE purpose = {p}2 AND used_at IS NULL
  AND user_id IN (SELECT id FROM user_account WHERE email = {p}3 AND is_active)
"""
_TOKEN = """
INSERT INTO account_token (user_id, purpose, digest, created_at, expires_at)
SELECT id, {p}1, {p}2, {p}3{ts}, {p}4{ts} FROM user_account WHERE email = {p}5 AND is_active
"""
# Subject, text and HTML per language, as parameters, chosen by the account's language in the database;
# the outbox row's language is chosen alike (from literals: the languages mails speak, German else).
_MAIL = """
INSERT INTO outbox_message
  (recipient, subject, body, html_body, language, kind, status, attempts, next_attempt_at, created_at,
   sealed_token)
SELECT email, {subject}, {text}, {html}, {language}, {p}1, {p}2, 0, {p}3{ts}, {p}3{ts}, {p}5 FROM user_account
WHERE email = {p}4 AND is_active
"""
#: The mail languages other than German, in the order of the CASE arms; German is the ELSE (the fallback).
_OTHERS = tuple(language for language in MAIL_LANGUAGES if language != SOURCE_LANGUAGE)
#: How many texts each language adds to the parameters: subject, text, HTML.
_PARTS = 3
#: The parameter number of the first text (after kind, status, now, the address and the sealed token).
_FIRST = 6


def _choice(part: int, p: str) -> str:
    """CASE over the account's language picking one part (0 subject, 1 text, 2 HTML) of _mail_texts."""
    arms = " ".join(f"WHEN '{lang}' THEN {p}{_FIRST + _PARTS * i + part}" for i, lang in enumerate(_OTHERS))
    return f"CASE language {arms} ELSE {p}{_FIRST + _PARTS * len(_OTHERS) + part} END"


def _mail_statement(p: str, ts: str) -> str:
    arms = " ".join(f"WHEN '{lang}' THEN '{lang}'" for lang in _OTHERS)
    language = f"CASE language {arms} ELSE '{SOURCE_LANGUAGE}' END"
    return _MAIL.format(
        p=p, ts=ts, subject=_choice(0, p), text=_choice(1, p), html=_choice(2, p), language=language
    )


def _mail_texts(link: str) -> list[str]:
    """Subject, text and HTML per language, in _choice's order (other languages, then German).

    The link holds account_links.MARKER, not the token: the token goes into the row only sealed.
    """
    hours = str(int(account_links.RESET_LIFETIME / timedelta(hours=1)))
    texts: list[str] = []
    for language in (*_OTHERS, SOURCE_LANGUAGE):
        mail = compose(
            PASSWORD_RESET,
            language=language,
            values={"token": account_links.MARKER, "hours": hours},
            link=link,
        )
        texts += [mail.subject, mail.text, mail.html]
    return texts


def email_problems(email: str) -> list[Problem]:
    """A problem if `email` is not shaped like an address."""
    address = normalise_email(email)
    if "@" in address and not address.startswith("@") and not address.endswith("@") and len(address) <= 254:
        return []
    return [Problem(ErrorCode.INVALID, "{email!r} is not an e-mail address", ("email",), email=email)]


async def request_password_reset(
    *,
    email: str,
    public_url: str,
    now: datetime,
    secret: str,
    address: str = "unknown",
    limits: LoginLimits | None = None,
) -> None:
    """Write a reset mail with a new one-hour link if an active account has `email`; else nothing, alike."""
    raise_if_any(email_problems(email))
    account = normalise_email(email)
    await LoginThrottle(limits or LoginLimits(), scope=SCOPE).attempt(account=account, address=address)
    token, digest = account_links.new_token()
    link = account_links.link(public_url, TokenPurpose.RESET, account_links.MARKER)
    sealed = account_links.seal_token(token, secret)
    postgres = connections.get("default").capabilities.dialect == "postgres"
    p, ts = ("$", "::timestamptz") if postgres else ("?", "")
    purpose = TokenPurpose.RESET.value
    expires = now + account_links.RESET_LIFETIME
    async with atomic() as connection:
        await connection.execute_query(_RETIRE.format(p=p, ts=ts), [now, purpose, account])
        await connection.execute_query(_TOKEN.format(p=p, ts=ts), [purpose, digest, now, expires, account])
        mail = [PASSWORD_RESET, OutboxStatus.PENDING.value, now, account, sealed, *_mail_texts(link)]
        await connection.execute_query(_mail_statement(p, ts), mail)


async def reset_password(
    *,
    token: str,
    new_password: str,
    secret: str,
    now: datetime,
    lifetime: timedelta = TOKEN_LIFETIME,
    code: str | None = None,
    address: str = "unknown",
    limits: LoginLimits | None = None,
) -> tuple[str, User]:
    """Set a new password from a reset link, revoke every session of the account, sign it in anew.

    An account with two-factor sign-in also needs its `code`: a mailed link alone must not get
    round the second factor. Code attempts are throttled like reset requests.
    """
    row = await account_links.usable(token=token, purpose=TokenPurpose.RESET, now=now)
    user = row.user
    if not user.is_active:
        raise account_links.refused()
    personal = personal_pieces(email=user.email, name=user.display_name)
    raise_if_any(password_problems(new_password, personal=personal, field=("new_password",)))
    if user.two_factor_enabled:
        await LoginThrottle(limits or LoginLimits(), scope=SCOPE).attempt(account=user.email, address=address)
        await require_second_factor(user=user, code=code, secret=secret, now=now)
    async with atomic():
        await account_links.use(row=row, now=now)
        user.password_hash = hash_password(new_password)
        await user.save(update_fields=["password_hash"])
        revoked = await revoke_tokens(user, now)
        await audit.record(
            actor=user,
            action="user.reset_password",
            entity_type="User",
            entity_id=user.id,
            changes={"revoked": revoked},
        )
    return await issue_token(user=user, secret=secret, lifetime=lifetime, now=now), user
