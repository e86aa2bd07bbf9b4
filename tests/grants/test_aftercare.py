"""After the award, against a real database: reports, tranches, closing."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date
from decimal import Decimal

import pytest

from grants.aftercare import close_application, decide_report, submit_report
from grants.applications import create_application
from grants.errors import DomainError, ErrorCode
from grants.models import (
    Application,
    ApplicationStatus,
    Award,
    FundingCall,
    PaymentTranche,
    Programme,
    ProjectReport,
    ReportKind,
    ReportStatus,
    Role,
    User,
)
from grants.payments import mark_tranche_paid
from grants.reports import programme_report
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.factories_payments import approved as approved_project

ACTUALS = [("PARTICIPANTS", 64), ("LANGUAGE_COURSE_PLACES", 48)]


async def approved() -> tuple[dict[str, User], Application]:
    await factories.organisation("verein-a")
    await factories.bank_account("verein-a")
    who = {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "reviewer": await factories.user(Role.REVIEWER),
        "approver": await factories.user(Role.APPROVER),
    }
    return who, await approved_project(who)


async def refused(action: Awaitable[object]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [(p.code, p.field) for p in caught.value.problems]


async def test_final_report_releases_the_last_tranche_and_lets_staff_close(seeded_db):
    who, application = await approved()
    first = await mark_tranche_paid(
        actor=who["approver"],
        application_id=application.id,
        position=0,
        paid_on=date(2026, 8, 3),
        now=NOW,
        public_url=PUBLIC_URL,
    )
    assert first.status is ApplicationStatus.APPROVED
    # the last tranche and closing wait for an accepted final report
    assert await refused(
        mark_tranche_paid(
            actor=who["approver"],
            application_id=application.id,
            position=1,
            paid_on=date(2027, 9, 1),
            now=NOW,
            public_url=PUBLIC_URL,
        )
    ) == [(ErrorCode.INVALID_TRANSITION, ("tranche",))]
    assert await refused(
        close_application(
            actor=who["approver"], application_id=application.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    ) == [(ErrorCode.INVALID_TRANSITION, ())]
    # an interim report is accepted, a final one sent back, then accepted
    interim = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.INTERIM,
        narrative="Halbzeit",
        actuals=ACTUALS[:1],
        now=NOW,
    )
    await decide_report(
        actor=who["approver"], report_id=interim.id, accept=True, message=None, now=NOW, public_url=PUBLIC_URL
    )
    final = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.FINAL,
        narrative="Fertig",
        actuals=ACTUALS,
        now=NOW,
    )
    assert await refused(
        decide_report(
            actor=who["approver"],
            report_id=final.id,
            accept=False,
            message=" ",
            now=NOW,
            public_url=PUBLIC_URL,
        )
    ) == [(ErrorCode.INVALID, ("message",))]
    returned = await decide_report(
        actor=who["approver"],
        report_id=final.id,
        accept=False,
        message="Zahlen fehlen",
        now=NOW,
        public_url=PUBLIC_URL,
    )
    assert returned.status is ReportStatus.RETURNED
    again = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.FINAL,
        narrative="Mit Zahlen",
        actuals=ACTUALS,
        now=NOW,
    )
    await decide_report(
        actor=who["approver"], report_id=again.id, accept=True, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await mark_tranche_paid(
        actor=who["approver"],
        application_id=application.id,
        position=1,
        paid_on=date(2027, 9, 1),
        now=NOW,
        public_url=PUBLIC_URL,
    )
    assert await refused(
        mark_tranche_paid(
            actor=who["approver"],
            application_id=application.id,
            position=1,
            paid_on=date(2027, 9, 2),
            now=NOW,
            public_url=PUBLIC_URL,
        )
    ) == [(ErrorCode.CONFLICT, ("tranche",))]
    closed = await close_application(
        actor=who["approver"],
        application_id=application.id,
        message="Abgeschlossen",
        now=NOW,
        public_url=PUBLIC_URL,
    )
    assert closed.status is ApplicationStatus.CLOSED
    tranches = await PaymentTranche.all().order_by("position")
    assert [(t.amount, t.paid_on) for t in tranches] == [
        (Decimal("28000.00"), date(2026, 8, 3)),
        (Decimal("7000.00"), date(2027, 9, 1)),
    ]
    assert sum(t.amount for t in tranches) == Decimal("35000.00")


async def test_reports_are_the_applicants_and_checked(seeded_db):
    who, application = await approved()
    bad = await refused(
        submit_report(
            actor=who["a"],
            application_id=application.id,
            kind=ReportKind.FINAL,
            narrative=" ",
            actuals=[("NOPE", 1), ("PARTICIPANTS", -2)],
            now=NOW,
        )
    )
    assert bad == [
        (ErrorCode.INVALID, ("narrative",)),
        (ErrorCode.NOT_FOUND, ("actuals", "0", "indicator")),
        (ErrorCode.INVALID, ("actuals", "1", "value")),
    ]
    assert await refused(
        submit_report(
            actor=who["reviewer"],
            application_id=application.id,
            kind=ReportKind.FINAL,
            narrative="x",
            actuals=[],
            now=NOW,
        )
    ) == [(ErrorCode.FORBIDDEN, ())]
    await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.INTERIM,
        narrative="x",
        actuals=[],
        now=NOW,
    )
    assert await refused(
        submit_report(
            actor=who["a"],
            application_id=application.id,
            kind=ReportKind.FINAL,
            narrative="y",
            actuals=[],
            now=NOW,
        )
    ) == [(ErrorCode.CONFLICT, ())]
    assert await ProjectReport.all().count() == 1


async def test_an_indicator_given_twice_is_refused_in_reports_and_targets_and_counts_nowhere(seeded_db):
    # given: a funded project and the programme's figures so far
    who, application = await approved()
    figures = await programme_report(programme=await Programme.get(code="KIP3"), year=2026)
    # when: a final report names the same indicator twice (spelled differently)
    duplicated = await refused(
        submit_report(
            actor=who["a"],
            application_id=application.id,
            kind=ReportKind.FINAL,
            narrative="Alles erreicht",
            actuals=[("PARTICIPANTS", 64), ("participants", 64)],
            now=NOW,
        )
    )
    # then: refused at the second one; nothing stored, the figures unchanged
    assert duplicated == [(ErrorCode.INVALID, ("actuals", "1", "indicator"))]
    assert await ProjectReport.all().count() == 0
    assert await programme_report(programme=await Programme.get(code="KIP3"), year=2026) == figures
    # and: a draft's targets are held to the same rule
    call = await FundingCall.get(id=application.call_id)
    targets = [{"indicator": "PARTICIPANTS", "value": 60}, {"indicator": "PARTICIPANTS", "value": 5}]
    assert await refused(
        create_application(actor=who["a"], values=application_values(call, targets=targets), now=NOW)
    ) == [(ErrorCode.INVALID, ("targets", "1", "indicator"))]
    assert await Application.all().count() == 1


async def test_the_programme_report_counts_the_measure_in_its_start_year_with_its_final_actuals(seeded_db):
    who, application = await approved()
    interim = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.INTERIM,
        narrative="Halbzeit",
        actuals=[("PARTICIPANTS", 30)],
        now=NOW,
    )
    await decide_report(
        actor=who["approver"], report_id=interim.id, accept=True, message=None, now=NOW, public_url=PUBLIC_URL
    )
    final = await submit_report(
        actor=who["a"],
        application_id=application.id,
        kind=ReportKind.FINAL,
        narrative="Fertig",
        actuals=ACTUALS,
        now=NOW,
    )
    await decide_report(
        actor=who["approver"], report_id=final.id, accept=True, message=None, now=NOW, public_url=PUBLIC_URL
    )
    kip3 = await Programme.get(code="KIP3")
    report = await programme_report(programme=kip3, year=2026)
    assert (report.measure_count, report.awarded) == (1, Decimal("35000.00"))
    assert [
        (a.funding_area.code, a.measure_count, a.awarded) for a in report.by_funding_area if a.measure_count
    ] == [("KIP3_LANGUAGE", 1, Decimal("35000.00"))]
    totals = {indicator.code: total for indicator, total in report.indicators}
    assert (totals["PARTICIPANTS"], totals["LANGUAGE_COURSE_PLACES"]) == (
        64,
        48,
    )  # the final report, not 30 + 64
    assert (await programme_report(programme=kip3, year=2027)).measure_count == 0
    whole = await programme_report(programme=kip3, year=None)
    assert (whole.measure_count, whole.awarded) == (1, Decimal("35000.00"))
    call = await FundingCall.get(id=application.call_id)
    assert call.committed == sum((a.amount for a in await Award.all()), Decimal(0))
