"""Required texts made of invisible characters are missing texts, in every use case that requires one."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from grants.aftercare import submit_report
from grants.applications import create_application
from grants.calls import create_call
from grants.decision import Decision, decide_application
from grants.directory.editing import create_organisation
from grants.errors import DomainError
from grants.models import (
    Application,
    ApplicationStatus,
    FundingCall,
    Organisation,
    Recommendation,
    ReportKind,
    Role,
)
from grants.review import add_internal_note, request_changes, start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

NOTHING = "\u200b\u202e \u3164\u2060"


async def refused_at(action: Awaitable[object]) -> list[tuple[str, ...]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [problem.field for problem in caught.value.problems]


async def test_invisible_titles_names_and_messages_are_missing(seeded_db):
    # given: an application in review
    admin = await factories.user(Role.ADMIN)
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER)
    approver = await factories.user(Role.APPROVER)
    blank = await create_application(
        actor=lead, values=application_values(funding_call, title=NOTHING), now=NOW
    )
    assert blank.title == ""  # a draft may lack its title ...
    # then: ... but it cannot be submitted without one
    assert await refused_at(
        submit_application(actor=lead, application_id=blank.id, message=None, now=NOW, public_url=PUBLIC_URL)
    ) == [("title",)]
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await start_review(actor=reviewer, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL)
    # and: staff must say something visible
    assert await refused_at(
        request_changes(
            actor=reviewer, application_id=draft.id, message=NOTHING, now=NOW, public_url=PUBLIC_URL
        )
    ) == [("message",)]
    assert await refused_at(
        add_internal_note(actor=reviewer, application_id=draft.id, body=NOTHING, now=NOW)
    ) == [("body",)]
    await submit_review(
        actor=reviewer,
        application_id=draft.id,
        scores=[("RELEVANCE", 4), ("FEASIBILITY", 4)],
        recommendation=Recommendation.APPROVE,
        comment=NOTHING,
        now=NOW,
    )
    rejection = decide_application(
        actor=approver,
        application_id=draft.id,
        decision=Decision.REJECT,
        amount=None,
        conditions=None,
        message=NOTHING,
        now=NOW,
        public_url=PUBLIC_URL,
        store=None,
    )
    assert await refused_at(rejection) == [("message",)]
    assert (await Application.get(id=draft.id)).status is ApplicationStatus.IN_REVIEW
    # and: a report needs a narrative
    await decide_application(
        actor=approver,
        application_id=draft.id,
        decision=Decision.APPROVE,
        amount=(Decimal("1000.00"), None),
        conditions=NOTHING,
        message=None,
        now=NOW,
        public_url=PUBLIC_URL,
        store=None,
    )
    report = submit_report(
        actor=lead, application_id=draft.id, kind=ReportKind.FINAL, narrative=NOTHING, actuals=[], now=NOW
    )
    assert await refused_at(report) == [("narrative",)]
    # and: directory and calls refuse invisible names and titles
    organisations = await Organisation.all().count()
    assert await refused_at(
        create_organisation(actor=admin, values={"kind": "NGO", "name": {"de": NOTHING}})
    ) == [("name", "de")]
    call_values = {
        "programme": "KIP3",
        "title": NOTHING,
        "funding_areas": ["KIP3_LANGUAGE"],
        "opens_at": datetime(2026, 3, 1, tzinfo=UTC),
        "closes_at": datetime(2026, 6, 30, tzinfo=UTC),
        "budget": (Decimal("1000"), None),
        "criteria": [{"code": "A", "name": NOTHING, "weight": 1}],
    }
    assert await refused_at(create_call(actor=admin, values=call_values, now=NOW)) == [
        ("title",),
        ("criteria", "0", "name"),
    ]
    assert await FundingCall.all().count() == 1
    assert await Organisation.all().count() == organisations
