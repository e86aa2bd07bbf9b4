"""Invitations: an ADMIN invites anyone, an applicant its colleagues; the invited person sets a password.

An invited account exists at once, inactive and with a password no hash matches (PENDING_PASSWORD),
so that its address is taken and a re-invitation finds it: inviting it again sends a new link and
the old one stops working. An active account is never invited again (CONFLICT), nor is one an
administrator deactivated (they reactivate it instead).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from grants import account_links, audit
from grants.accounts import TOKEN_LIFETIME, hash_password, issue_token, normalise_email
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.mails import compose, mail_language
from grants.mails.kinds.accounts import INVITATION, PROGRAMME_OFFICE
from grants.models import Organisation, OutboxMessage, Role, TokenPurpose, User
from grants.passwords import password_problems, personal_pieces
from grants.text import TEXT_LANGUAGES

#: The password "hash" of an invited account until it accepts: not an Argon2 hash, so nothing matches.
PENDING_PASSWORD = "!invited"

FORBIDDEN = "You may invite only colleagues, as applicants of your own organisation"
ACTIVE = "{address} has an account already"
DEACTIVATED = "The account of {address} is deactivated: reactivate it instead"
PORTAL_LANGUAGE = "{language!r} is not a portal language: choose de, fr, it or en"


def is_pending(user: User) -> bool:
    """True for an account invited but not yet accepted."""
    return user.password_hash == PENDING_PASSWORD


def language_problems(language: str | None, field: tuple[str, ...] = ("language",)) -> list[Problem]:
    """A problem if `language` is given and not one of the portal's languages."""
    if language is None or language in TEXT_LANGUAGES:
        return []
    return [Problem(ErrorCode.INVALID, PORTAL_LANGUAGE, field, language=language)]


def may_invite(actor: User, *, role: Role, organisation_id: int | None) -> bool:
    """ADMIN invites anyone; an APPLICANT only applicants into its own organisation; no one else."""
    if actor.role is Role.ADMIN:
        return True
    return (
        actor.role is Role.APPLICANT
        and role is Role.APPLICANT
        and organisation_id is not None
        and organisation_id == actor.organisation_id
    )


async def _organisation(
    slug: str | None, actor: User, role: Role
) -> tuple[Organisation | None, list[Problem]]:
    if slug is None:
        if role is not Role.APPLICANT:
            return None, []
        if actor.role is Role.APPLICANT and actor.organisation_id is not None:
            return await Organisation.get(id=actor.organisation_id), []
        return None, [
            Problem(ErrorCode.INVALID, "An applicant must belong to an organisation", ("organisation",))
        ]
    found = await Organisation.get_or_none(slug=slug)
    if found is None:
        return None, [Problem(ErrorCode.NOT_FOUND, "No organisation {slug!r}", ("organisation",), slug=slug)]
    return (found if role is Role.APPLICANT else None), []


async def invite_user(
    *,
    actor: User,
    email: str,
    role: Role,
    organisation_slug: str | None = None,
    name: str | None = None,
    language: str | None = None,
    public_url: str,
    secret: str,
    now: datetime,
) -> User:
    """Create (or refresh) the invited account and write the invitation mail with a new 7-day link."""
    address = normalise_email(email)
    problems = language_problems(language)
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        problems.append(
            Problem(ErrorCode.INVALID, "{email!r} is not an e-mail address", ("email",), email=email)
        )
    organisation, found = await _organisation(organisation_slug, actor, role)
    problems += found
    organisation_id = organisation.id if organisation else None
    if not problems and not may_invite(actor, role=role, organisation_id=organisation_id):
        raise DomainError.single(ErrorCode.FORBIDDEN, FORBIDDEN)
    existing = await User.get_or_none(email=address) if not problems else None
    moving = existing is not None and existing.organisation_id != actor.organisation_id
    if existing is not None and is_pending(existing) and actor.role is not Role.ADMIN and moving:
        raise DomainError.single(ErrorCode.FORBIDDEN, FORBIDDEN)
    if existing is not None and not is_pending(existing):
        problems.append(
            Problem(
                ErrorCode.CONFLICT, ACTIVE if existing.is_active else DEACTIVATED, ("email",), address=address
            )
        )
    raise_if_any(problems)
    display_name = (name or "").strip() or (existing.display_name if existing else address.split("@")[0])
    async with atomic():
        if existing is None:
            user = await User.create(
                email=address,
                display_name=display_name,
                role=role,
                organisation=organisation,
                password_hash=PENDING_PASSWORD,
                is_active=False,
                language=language or "de",
            )
        else:
            user = existing
            user.display_name, user.role, user.organisation = display_name, role, organisation
            user.language = language or user.language
            await user.save(update_fields=["display_name", "role", "organisation_id", "language"])
        token = await account_links.issue(user=user, purpose=TokenPurpose.INVITATION, now=now)
        await _write_mail(user, actor, organisation, account_links.seal_token(token, secret), public_url, now)
        await audit.record(
            actor=actor,
            action="user.invite" if existing is None else "user.reinvite",
            entity_type="User",
            entity_id=user.id,
            changes={
                "email": address,
                "role": role.value,
                "organisation": organisation.slug if organisation else None,
            },
        )
    return user


def _name(organisation: Organisation | None, language: str) -> str:
    if organisation is None:
        return PROGRAMME_OFFICE[language]
    return organisation.name.get(language) or organisation.name.get("de") or organisation.slug


async def _write_mail(
    user: User, actor: User, organisation: Organisation | None, sealed: str, public_url: str, now: datetime
) -> None:
    # The link holds a marker: the outbox row keeps the token only sealed; the mailer puts it in.
    language = mail_language(user.language)
    values = {
        "token": account_links.MARKER,
        "name": user.display_name,
        "inviter": actor.display_name,
        "organisation": _name(organisation, language),
        "days": str(account_links.INVITATION_LIFETIME.days),
    }
    link = account_links.link(public_url, TokenPurpose.INVITATION, account_links.MARKER)
    mail = compose(INVITATION, language=language, values=values, link=link)
    await OutboxMessage.create(
        recipient=user.email,
        subject=mail.subject,
        body=mail.text,
        html_body=mail.html,
        language=mail.language,
        kind=INVITATION,
        next_attempt_at=now,
        sealed_token=sealed,
    )


async def accept_invitation(
    *,
    token: str,
    password: str,
    name: str | None = None,
    secret: str,
    now: datetime,
    lifetime: timedelta = TOKEN_LIFETIME,
) -> tuple[str, User]:
    """Set the invited account's name and password, activate it, and sign it in (a bearer token)."""
    row = await account_links.usable(token=token, purpose=TokenPurpose.INVITATION, now=now)
    user = row.user
    display_name = (name or "").strip() or user.display_name
    raise_if_any(password_problems(password, personal=personal_pieces(email=user.email, name=display_name)))
    async with atomic():
        await account_links.use(row=row, now=now)
        user.password_hash = hash_password(password)
        user.display_name, user.is_active = display_name, True
        await user.save(update_fields=["password_hash", "display_name", "is_active"])
        await audit.record(
            actor=user, action="user.accept_invitation", entity_type="User", entity_id=user.id, changes={}
        )
    return await issue_token(user=user, secret=secret, lifetime=lifetime, now=now), user
