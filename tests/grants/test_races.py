"""Invariants under real concurrency, many rounds, on SQLite and PostgreSQL.

Each round starts the competing use cases together and shifts one of them by a few scheduler
turns, so that the rounds walk through different interleavings of their reads and writes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal

from grants.aftercare import decide_report, submit_report
from grants.applications import create_application
from grants.decision import Decision, decide_application
from grants.directory.editing import create_organisation
from grants.errors import DomainError, ErrorCode
from grants.models import (
    Application,
    ApplicationStatus,
    AuditRecord,
    Award,
    FundingCall,
    Organisation,
    ProjectReport,
    Recommendation,
    ReportKind,
    ReportStatus,
    Review,
    Role,
    User,
)
from grants.review import start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

ROUNDS = 12
SCORES = [("RELEVANCE", 4), ("FEASIBILITY", 4)]


async def later(turns: int, action: Awaitable[object]) -> str:
    """Run `action` after `turns` scheduler turns; its outcome as "OK" or the refusal's code."""
    for _ in range(turns):
        await asyncio.sleep(0)
    try:
        await action
    except DomainError as error:
        return error.code.value
    return "OK"


async def in_review(funding_call: FundingCall, who: dict[str, User]) -> Application:
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await start_review(
        actor=who["reviewer"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await review(who["reviewer"], draft.id)
    return draft


def review(actor: User, application_id: int) -> Awaitable[Review]:
    return submit_review(
        actor=actor,
        application_id=application_id,
        scores=SCORES,
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=NOW,
    )


def approve(actor: User, application_id: int) -> Awaitable[Application]:
    return decide_application(
        actor=actor,
        application_id=application_id,
        decision=Decision.APPROVE,
        amount=(Decimal("1000.00"), "CHF"),
        conditions=None,
        message=None,
        now=NOW,
        public_url=PUBLIC_URL,
        store=None,
    )


async def people() -> dict[str, User]:
    await factories.organisation("verein-a")
    return {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "reviewer": await factories.user(Role.REVIEWER),
        "approver": await factories.user(Role.APPROVER),
    }


async def test_an_approver_who_reviews_while_deciding_never_approves_what_they_reviewed(seeded_db):
    # given: applications in review, each with one review by someone else
    funding_call = await factories.call(budget="1000000.00")
    who = await people()
    outcomes = []
    for turn in range(ROUNDS):
        application = await in_review(funding_call, who)
        # when: the approver submits a review and decides the same application at the same moment
        reviewing, deciding = (
            later(turn % 6, review(who["approver"], application.id)),
            later(turn // 6, approve(who["approver"], application.id)),
        )
        outcomes.append(tuple(await asyncio.gather(reviewing, deciding)))
        # then: never both; an approval stands only without the approver's review
        final = await Application.get(id=application.id)
        reviewers = {review.reviewer_id for review in await Review.filter(application_id=application.id)}
        if final.status is ApplicationStatus.APPROVED:
            assert who["approver"].id not in reviewers, f"round {turn}: four eyes broken"
        else:
            assert final.status is ApplicationStatus.IN_REVIEW
            assert not await Award.filter(application_id=application.id).exists()
    assert ("OK", "OK") not in outcomes
    assert {"OK"} <= {outcome for pair in outcomes for outcome in pair}


async def approved(funding_call: FundingCall, who: dict[str, User]) -> Application:
    application = await in_review(funding_call, who)
    return await approve(who["approver"], application.id)


def final_report(actor: User, application_id: int, narrative: str = "Alles erreicht") -> Awaitable[object]:
    return submit_report(
        actor=actor,
        application_id=application_id,
        kind=ReportKind.FINAL,
        narrative=narrative,
        actuals=[("PARTICIPANTS", 60)],
        now=NOW,
    )


async def test_parallel_reports_leave_at_most_one_waiting(seeded_db):
    # given: funded projects without reports
    funding_call = await factories.call(budget="1000000.00")
    who = await people()
    for turn in range(ROUNDS // 2):
        application = await approved(funding_call, who)
        # when: five final reports are submitted at once
        outcomes = await asyncio.gather(
            *(later((turn + i) % 3, final_report(who["a"], application.id, f"Bericht {i}")) for i in range(5))
        )
        # then: one is stored, four are refused as conflicts, and nothing else was written for them
        assert sorted(outcomes) == ["CONFLICT"] * 4 + ["OK"]
        assert await ProjectReport.filter(application_id=application.id).count() == 1
        assert await AuditRecord.filter(action="report.submit", entity_id__isnull=False).count() == turn + 1


async def test_at_most_one_final_report_is_ever_accepted(seeded_db):
    # given: a funded project whose final report was returned, then sent again
    funding_call = await factories.call(budget="1000000.00")
    who = await people()
    for turn in range(ROUNDS // 2):
        application = await approved(funding_call, who)
        first = await final_report(who["a"], application.id)
        assert isinstance(first, ProjectReport)
        # when: staff accept it twice at once while the applicant submits another final report
        outcomes = await asyncio.gather(
            later(
                turn % 3,
                decide_report(
                    actor=who["approver"],
                    report_id=first.id,
                    accept=True,
                    message=None,
                    now=NOW,
                    public_url=PUBLIC_URL,
                ),
            ),
            later(
                0,
                decide_report(
                    actor=who["approver"],
                    report_id=first.id,
                    accept=True,
                    message=None,
                    now=NOW,
                    public_url=PUBLIC_URL,
                ),
            ),
            later((turn + 1) % 3, final_report(who["a"], application.id, "Nochmals")),
        )
        # then: exactly one acceptance; never two accepted final reports
        accepted = await ProjectReport.filter(
            application_id=application.id, kind=ReportKind.FINAL, status=ReportStatus.ACCEPTED
        ).count()
        assert accepted == 1
        assert list(outcomes[:2]).count("OK") == 1
        waiting = await ProjectReport.filter(application_id=application.id, status=ReportStatus.SUBMITTED)
        for report in waiting:  # a final report that slipped in before the acceptance cannot be accepted
            refusal = await later(
                0,
                decide_report(
                    actor=who["approver"],
                    report_id=report.id,
                    accept=True,
                    message=None,
                    now=NOW,
                    public_url=PUBLIC_URL,
                ),
            )
            assert refusal in {"CONFLICT", "INVALID_TRANSITION"}
        assert (
            await ProjectReport.filter(
                application_id=application.id, kind=ReportKind.FINAL, status=ReportStatus.ACCEPTED
            ).count()
            == 1
        )


async def test_two_organisations_with_the_same_name_at_once_give_one_and_a_conflict(seeded_db):
    # given: an administrator
    admin = await factories.user(Role.ADMIN)
    before = await Organisation.all().count()
    for turn in range(ROUNDS // 2):
        name = f"Verein Gleichzeitig {turn}"
        # when: the same organisation is created twice at once
        outcomes = await asyncio.gather(
            *(
                later(
                    i * (turn % 2),
                    create_organisation(actor=admin, values={"kind": "NGO", "name": {"de": name}}),
                )
                for i in range(3)
            )
        )
        # then: one is made, the others are refused cleanly as conflicts
        assert sorted(outcomes) == ["CONFLICT", "CONFLICT", "OK"]
    assert await Organisation.all().count() == before + ROUNDS // 2
    assert ErrorCode.CONFLICT.value == "CONFLICT"
