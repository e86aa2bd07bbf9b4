"""Reading a decided application's letter from the database, in five queries whatever its size."""

from __future__ import annotations

import asyncio

from grants.letters.content import DecisionLetter, Outcome, Party, Tranche
from grants.letters.render import render_decision_letter
from grants.letters.wording import letter_language, words
from grants.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Award,
    Organisation,
    PaymentTranche,
    Programme,
)
from grants.programmes import SWISS_TIME

DECIDED = (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def _named(values: dict[str, str], language: str, fallback: str) -> str:
    """A multilingual text in `language`, else in German, else `fallback`."""
    return values.get(language) or values.get("de") or fallback


def _party(organisation: Organisation, language: str) -> Party:
    return Party(
        name=_named(organisation.name, language, organisation.slug),
        street=organisation.street,
        postal_code=organisation.postal_code,
        locality=organisation.locality,
    )


def _office(programmes: list[Programme], programme_id: int, year: int) -> Organisation | None:
    """The office running the call's phase; where none is recorded, the one running the phase of
    `year` (as Query.currentProgramme chooses it)."""
    own = next((p for p in programmes if p.id == programme_id), None)
    if own is not None and own.owner is not None:
        return own.owner
    begun = [p for p in programmes if p.start_year <= year] or programmes[:1]
    return begun[-1].owner if begun else None


async def gather_decision_letter(*, application_id: int) -> DecisionLetter:
    """The letter of the latest decision on the application (call after the decision is written).

    Works inside or outside the deciding transaction (atomic()); raises LookupError when the
    application does not exist or has not been decided.
    """
    application = await Application.filter(id=application_id).select_related("applicant", "call").first()
    if application is None:
        raise LookupError(f"no application {application_id}")
    decision = (
        await ApplicationEvent.filter(application_id=application_id, to_status__in=DECIDED)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if decision is None:
        raise LookupError(f"application {application.reference} has not been decided")
    award = await Award.filter(application_id=application_id).first()
    tranches = await PaymentTranche.filter(award__application_id=application_id).order_by("position", "id")
    programmes = await Programme.all().select_related("owner").order_by("start_year", "id")

    approved = decision.to_status is ApplicationStatus.APPROVED and award is not None
    decided_at = award.decided_at if approved and award is not None else decision.at
    day = decided_at.astimezone(SWISS_TIME).date()
    applicant: Organisation = application.applicant
    language = letter_language(applicant.correspondence_language)
    office = _office(programmes, application.call.programme_id, day.year)
    sender = _party(office, language) if office else Party("", None, None, None)
    return DecisionLetter(
        language=language,
        sender=sender,
        recipient=_party(applicant, language),
        place=sender.locality or "",
        date=day,
        decided_at=decided_at,
        reference=application.reference,
        title=application.title,
        outcome=Outcome.APPROVED if approved else Outcome.REJECTED,
        approver=decision.actor.display_name if decision.actor is not None else "",
        amount=award.amount if approved and award is not None else None,
        conditions=award.conditions if approved and award is not None else None,
        tranches=tuple(
            Tranche(position=number, amount=tranche.amount, due_on=tranche.due_on)
            for number, tranche in enumerate(tranches, start=1)
        )
        if approved
        else (),
        reasons=None if approved else decision.message,
    )


async def decision_letter_pdf(*, application_id: int) -> bytes:
    """The decision letter of the application as PDF bytes."""
    return (await decision_letter_file(application_id=application_id))[1]


async def decision_letter_file(*, application_id: int) -> tuple[str, bytes]:
    """The decision letter's file name in its language and its PDF bytes (what the decision keeps);
    drawn in a thread, so a decision does not hold up the other requests meanwhile."""
    letter = await gather_decision_letter(application_id=application_id)
    pdf = await asyncio.to_thread(render_decision_letter, letter)
    return words(letter.language)["filename"].format(reference=letter.reference), pdf
