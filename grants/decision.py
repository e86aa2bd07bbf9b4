"""The approver's decision under four eyes, and the award it draws from the call's budget."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from grants import audit
from grants.applications import require_visible
from grants.atomic import atomic
from grants.award_rules import award_amount
from grants.calls import commit_award
from grants.documents.service import keep_generated
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.letters import decision_letter_file
from grants.models import Application, Award, DocumentKind, FundingCall, PaymentTranche, Review, Role, User
from grants.money import MoneyValue
from grants.moves import move, record_event
from grants.notifications import tell_applicant
from grants.permissions import require_role
from grants.storage import BlobStore
from grants.text import clean_text
from grants.tranches import due_date, tranche_amounts
from grants.workflow import Action, next_status


class Decision(StrEnum):
    """What an approver decides."""

    APPROVE = "APPROVE"
    REJECT = "REJECT"


async def decide_application(
    *,
    actor: User | None,
    application_id: int,
    decision: Decision,
    amount: MoneyValue | None,
    conditions: str | None,
    message: str | None,
    now: datetime,
    public_url: str,
    store: BlobStore | None,
) -> Application:
    """Approve (with an amount from the call's budget) or reject an application in review; the
    decision letter (PDF) is kept in `store` as a document of the application in the same transaction
    (no `store`: no letter — imported history, whose letters went out on paper)."""
    application = await require_visible(actor, application_id)
    approver = require_role(actor, Role.APPROVER)
    action = Action.APPROVE if decision is Decision.APPROVE else Action.REJECT
    next_status(application.status, action)
    call = await FundingCall.get(id=application.call_id)
    reviewers = [review.reviewer_id for review in await Review.filter(application_id=application.id)]
    if approver.id in reviewers:
        raise DomainError.single(
            ErrorCode.FORBIDDEN, "Four eyes: you reviewed this application, another approver decides"
        )
    problems: list[Problem] = []
    if len(reviewers) < call.min_reviews:
        problems.append(
            Problem(
                ErrorCode.INVALID,
                "A decision needs {min_reviews} review(s); it has {reviews}",
                min_reviews=call.min_reviews,
                reviews=len(reviewers),
            )
        )
    awarded: Decimal | None = None
    if decision is Decision.APPROVE:
        awarded, found = award_amount(
            amount,
            requested=application.requested_amount,
            maximum=call.max_amount_per_application,
            tranche_plan=call.tranche_plan,
        )
        problems += found
    elif clean_text(message) is None:
        problems.append(
            Problem(ErrorCode.INVALID, "A rejection needs a message to the applicant", ("message",))
        )
    raise_if_any(problems)
    async with atomic():
        if awarded is not None and not await commit_award(call_id=call.id, amount=awarded):
            raise DomainError.single(
                ErrorCode.BUDGET_EXCEEDED,
                "The call's remaining budget is less than {awarded}",
                ("amount", "amount"),
                awarded=awarded,
            )
        moved = await move(application, action, actor=approver, now=now, message=message)
        if awarded is not None:
            award = await Award.create(
                application_id=application.id,
                amount=awarded,
                conditions=clean_text(conditions),
                decided_at=now,
                decided_by=approver,
            )
            for position, (part, milestone) in enumerate(tranche_amounts(awarded, call.tranche_plan)):
                await PaymentTranche.create(
                    award=award,
                    position=position,
                    amount=part,
                    due=milestone,
                    due_on=due_date(milestone, application.project_start, application.project_end),
                )
            await record_event(
                application=application, actor=approver, kind="AWARD", message=f"CHF {awarded}"
            )
            await audit.record(
                actor=approver,
                action="award.create",
                entity_type="Award",
                entity_id=award.id,
                changes={"amount": str(awarded), "application": application.reference},
            )
        # The mail links to the portal's letter page, which sends the signed-in member to the PDF.
        letter = {"letter": f"{public_url}/applications/{application.reference}/letter"}
        if store is not None:
            # Written with the decision, so there is never a decision without its letter (nor the reverse).
            filename, pdf = await decision_letter_file(application_id=application.id)
            await keep_generated(
                actor=approver,
                application_id=application.id,
                kind=DocumentKind.DECISION_LETTER,
                data=pdf,
                filename=filename,
                content_type="application/pdf",
                store=store,
                now=now,
            )
        await tell_applicant(
            application=moved,
            kind="APPROVED" if awarded is not None else "REJECTED",
            message=message,
            now=now,
            public_url=public_url,
            extra={"amount": f"CHF {awarded}", **letter} if awarded is not None else letter,
        )
    return moved
