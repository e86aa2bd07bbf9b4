"""Organisations' bank accounts: IBAN rules (pure), who sees and changes them, and the audited change.

Only Swiss (CH) and Liechtenstein (LI) IBANs are accepted: the canton's finance office pays in Swiss
francs within the Swiss payment system, which covers both countries. QR-IBANs (institution identifier
30000–31999) are refused too: they take payments with a QR reference only, which a grant payment has not.
"""

from __future__ import annotations

from datetime import datetime

from schwifty import IBAN
from schwifty.exceptions import InvalidCountryCode, InvalidLength, InvalidStructure, SchwiftyException

from grants import audit
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.models import BankAccount, Organisation, PaymentTranche, Role, User
from grants.notifications import write_mails
from grants.permissions import require_role

#: Countries whose IBANs the finance office pays to.
PAYABLE_COUNTRIES = ("CH", "LI")
#: Staff who may change an organisation's account: those who look after payments (not reviewers).
ACCOUNT_STAFF = (Role.APPROVER, Role.ADMIN)
#: Everyone on the programme's side sees accounts (the finance export, the admin pages).
STAFF = (Role.REVIEWER, Role.APPROVER, Role.ADMIN)
#: The account holder's name as a payment order holds it (ISO 20022 names: 70 characters).
HOLDER_LENGTH = 70
QR_IIDS = range(30000, 32000)
BEING_PAID = Problem(
    ErrorCode.CONFLICT,
    "A tranche of this organisation is being paid; the bank account can change once the finance "
    "office has paid it or the payment was cancelled",
    ("organisation",),
)


def check_iban(text: str) -> str | Problem:
    """The IBAN in its electronic form (CH9300762011623852957), or why it is not one we pay to."""
    compact = "".join(text.split()).upper()
    if not compact:
        return Problem(ErrorCode.INVALID, "Enter the IBAN", ("iban",))
    if compact[:2].isalpha() and compact[:2] not in PAYABLE_COUNTRIES:
        return Problem(
            ErrorCode.INVALID,
            "Only Swiss (CH) or Liechtenstein (LI) IBANs can be paid to; this one is from {country}",
            ("iban",),
            country=compact[:2],
        )
    try:
        iban = IBAN(compact)
    except (InvalidCountryCode, InvalidLength, InvalidStructure):
        return Problem(
            ErrorCode.INVALID,
            "Enter an IBAN as printed on a bank statement, e.g. CH93 0076 2011 6238 5295 7",
            ("iban",),
        )
    except SchwiftyException:
        return Problem(ErrorCode.INVALID, "This IBAN is mistyped: its check digits do not match", ("iban",))
    if iban.country_code not in PAYABLE_COUNTRIES:  # e.g. a lower-case country code written oddly
        return Problem(
            ErrorCode.INVALID,
            "Only Swiss (CH) or Liechtenstein (LI) IBANs can be paid to; this one is from {country}",
            ("iban",),
            country=iban.country_code,
        )
    if int(iban.bank_code) in QR_IIDS:
        return Problem(
            ErrorCode.INVALID, "This is a QR-IBAN, for QR bills only; enter the account's IBAN", ("iban",)
        )
    return str(iban.compact)


def check_holder(text: str) -> str | Problem:
    """The holder's name trimmed (inner runs of white space as one space), or what is wrong with it."""
    holder = " ".join(text.split())
    if not holder:
        return Problem(ErrorCode.INVALID, "Enter the account holder's name", ("holder",))
    if len(holder) > HOLDER_LENGTH:
        return Problem(
            ErrorCode.INVALID,
            "The account holder's name is at most {limit} characters",
            ("holder",),
            limit=HOLDER_LENGTH,
        )
    return holder


def grouped(iban: str) -> str:
    """The IBAN in groups of four, as printed (CH93 0076 2011 6238 5295 7)."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def masked(iban: str | None) -> str | None:
    """The IBAN with all but its country and last four characters hidden: enough to tell accounts apart.

    The audit and the mails keep it so: they are read and kept far more widely than the account itself.
    """
    if iban is None:
        return None
    return grouped(iban[:2] + "•" * (len(iban) - 6) + iban[-4:])


def may_see(actor: User | None, organisation_id: int) -> bool:
    """Whether `actor` sees the organisation's bank account: its own applicants and staff."""
    if actor is None or not actor.is_active:
        return False
    return actor.role in STAFF or (actor.role is Role.APPLICANT and actor.organisation_id == organisation_id)


def may_change(actor: User, organisation_id: int) -> bool:
    """Whether `actor` may change the organisation's bank account: its own applicants, approvers, admins."""
    return actor.role in ACCOUNT_STAFF or (
        actor.role is Role.APPLICANT and actor.organisation_id == organisation_id
    )


async def _tell_members(
    *, organisation: Organisation, actor: User, iban: str, holder: str, now: datetime, public_url: str
) -> None:
    kind = "BANK_ACCOUNT_CHANGED"
    members = await User.filter(organisation_id=organisation.id, is_active=True)
    values = {
        "who": f"{actor.display_name} ({actor.email})",
        "at": now.strftime("%d.%m.%Y %H:%M UTC"),
        "iban": masked(iban) or "",
        "holder": holder,
    }
    await write_mails(
        kind=kind,
        people=members,
        values=values,
        public_url=public_url,
        now=now,
        values_in=lambda language: {
            "organisation": organisation.name.get(language) or organisation.name["de"]
        },
    )


async def update_bank_account(
    *, actor: User | None, organisation: str, iban: str, holder: str, now: datetime, public_url: str
) -> Organisation:
    """Set the organisation's bank account: audited, mailed to its members, refused while being paid."""
    user = require_role(actor, *Role)
    found = await Organisation.get_or_none(slug=organisation, retired_at__isnull=True)
    if found is None or not may_see(user, found.id):
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such organisation", ("organisation",))
    if not may_change(user, found.id):
        raise DomainError.single(ErrorCode.FORBIDDEN, "You are not allowed to do this")
    checked = [check_iban(iban), check_holder(holder)]
    raise_if_any([value for value in checked if isinstance(value, Problem)])
    new_iban, new_holder = (str(value) for value in checked)
    async with atomic():
        # The account row is locked first (PostgreSQL; SQLite runs one write at a time), as
        # startTranchePayment locks it before copying it: the two never interleave.
        old = await BankAccount.select_for_update().get_or_none(organisation_id=found.id)
        if await being_paid(found.id):
            raise DomainError([BEING_PAID])
        if old is not None and (old.iban, old.holder) == (new_iban, new_holder):
            return found  # nothing changes: no audit record, no alarm mail
        await BankAccount.update_or_create(
            defaults={"iban": new_iban, "holder": new_holder, "updated_at": now, "updated_by": user},
            organisation_id=found.id,
        )
        await audit.record(
            actor=user,
            action="bank_account.update",
            entity_type="Organisation",
            entity_id=found.id,
            changes={
                "iban": [masked(old.iban) if old else None, masked(new_iban)],
                "holder": [old.holder if old else None, new_holder],
            },
        )
        await _tell_members(
            organisation=found, actor=user, iban=new_iban, holder=new_holder, now=now, public_url=public_url
        )
    return found


async def being_paid(organisation_id: int) -> bool:
    """Whether a tranche of the organisation is with the finance office (handed over, not yet paid)."""
    return await PaymentTranche.filter(
        award__application__applicant_id=organisation_id,
        payment_started_at__isnull=False,
        paid_on__isnull=True,
    ).exists()
