"""The data generator: its applications keep the domain's rules and the API lists and finds them."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from bench.generate import generate
from bench.generator.world import DOMAIN
from grants.models import (
    Application,
    ApplicationEvent,
    Award,
    FundingCall,
    Review,
    User,
)
from grants.models import (
    Counter as Sequence,
)
from grants.text import fold
from tests.schema.graphql import ok

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)
STATUSES = {
    "DRAFT",
    "SUBMITTED",
    "IN_REVIEW",
    "CHANGES_REQUESTED",
    "APPROVED",
    "REJECTED",
    "WITHDRAWN",
    "CLOSED",
}
MOVES = ("TRANSITION:", "EDITED", "REVIEW_SUBMITTED")
STAFF_LIST = """
query ($status: [ApplicationStatus!], $search: String) {
  applications(first: 100, filter: {status: $status, search: $search}) {
    totalCount
    edges { node { reference title status call { reference } applicant { name } } }
  }
}
"""


async def _generated() -> list[Application]:
    return list(await Application.filter(created_by__email__endswith=f"@{DOMAIN}").order_by("id"))


async def test_generated_applications_hold_the_domains_rules(seeded_db):
    # given / when
    statuses = await generate(300, seed=7, now=NOW, quiet=True)
    applications = await _generated()
    # then: every status is there, and the counts add up
    assert set(statuses) == STATUSES
    assert Counter(a.status.value for a in applications) == statuses
    assert sum(statuses.values()) == len(applications) == 300
    events: dict[int, list[ApplicationEvent]] = {}
    for event in await ApplicationEvent.filter(application_id__in=[a.id for a in applications]).order_by(
        "id"
    ):
        events.setdefault(event.application_id, []).append(event)
    reviews: dict[int, set[int]] = {}
    for review in await Review.filter(application_id__in=[a.id for a in applications]):
        reviews.setdefault(review.application_id, set()).add(review.reviewer_id)
    awards = {
        award.application_id: award
        for award in await Award.filter(application_id__in=[a.id for a in applications])
    }
    calls = {call.id: call for call in await FundingCall.filter(id__in={a.call_id for a in applications})}
    for application in applications:
        trail = events[application.id]
        # the status is where the last move led, and the version counts every change
        assert [e.to_status for e in trail if e.to_status][-1] is application.status
        assert application.version == 1 + sum(e.kind.startswith(MOVES) for e in trail)
        assert (application.submitted_at is not None) == any(e.kind == "TRANSITION:SUBMIT" for e in trail)
        assert application.created_at <= application.updated_at <= NOW
        assert all(e.at <= NOW for e in trail)
        decided = next((e for e in trail if e.kind in ("TRANSITION:APPROVE", "TRANSITION:REJECT")), None)
        if decided is not None:
            # four eyes: enough reviews by distinct people, none of them the one who decided
            assert len(reviews.get(application.id, set())) >= calls[application.call_id].min_reviews
            assert decided.actor_id not in reviews.get(application.id, set())
        assert (application.id in awards) == (application.status.value in ("APPROVED", "CLOSED"))
    for call in calls.values():
        awarded = sum(awards[a.id].amount for a in applications if a.call_id == call.id and a.id in awards)
        assert call.committed == awarded
        assert call.committed_cents <= call.budget_cents
    # references are unique and the counters went past them, so the next one made by hand is new
    references = [a.reference for a in applications]
    assert len(set(references)) == len(references)
    for year in {a.created_at.year for a in applications}:
        counter = await Sequence.get(name=f"application-{year}")
        assert counter.value >= max(
            int(r.rsplit("-", 1)[1]) for r in references if r.startswith(f"KIP-{year}-")
        )


async def test_staff_list_and_search_find_generated_applications(seeded_db):
    # given
    await generate(300, seed=7, now=NOW, quiet=True)
    approver = await User.get(email=f"approver-1@{DOMAIN}")
    applications = await _generated()
    submitted = [a for a in applications if a.submitted_at is not None]
    accented = next(a for a in submitted if "é" in a.title)
    word = next(w for w in accented.title.split() if "é" in w)
    # when
    listed = await ok(STAFF_LIST, actor=approver)
    approved = await ok(STAFF_LIST, {"status": ["APPROVED"]}, actor=approver)
    found = await ok(STAFF_LIST, {"search": fold(word).upper()}, actor=approver)
    # then
    assert listed["applications"]["totalCount"] == len(submitted) + await _others_submitted(applications)
    assert approved["applications"]["totalCount"] == sum(a.status.value == "APPROVED" for a in applications)
    assert {edge["node"]["status"] for edge in approved["applications"]["edges"]} == {"APPROVED"}
    matches = [a.reference for a in submitted if fold(word) in fold(a.title)]
    assert found["applications"]["totalCount"] == len(matches)
    assert accented.reference in {edge["node"]["reference"] for edge in found["applications"]["edges"]}


async def _others_submitted(generated: list[Application]) -> int:
    ids = [a.id for a in generated]
    return await Application.filter(submitted_at__isnull=False).exclude(id__in=ids).count()
