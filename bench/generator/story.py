"""The story of one generated application: from draft to the status picked for it, as rows."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from bench.generator import words
from bench.generator.lifecycle import (
    DAY,
    CallInfo,
    Ledger,
    Life,
    People,
    Rows,
    amounts,
    phase_of,
    pick_status,
)
from grants.money import CENT
from grants.text import search_document
from grants.tranches import due_date, tranche_amounts

#: Statuses reached through review; a share of them went through one round of changes first.
REVIEWED = ("IN_REVIEW", "APPROVED", "REJECTED", "CLOSED")
CHANGE_ROUND_SHARE = 0.15


def application_rows(
    rng: random.Random,
    *,
    call: CallInfo,
    people: People,
    ledger: Ledger,
    reference: str,
    app_id: int,
    ids: dict[str, Iterator[int]],
    rows: Rows,
    now: datetime,
    created: datetime,
) -> str:
    """Append the rows of one application to `rows`; its final status."""
    target = pick_status(rng, phase_of(call, now))
    life = Life(rows, app_id, ids, now)
    applicant = people.applicant_user
    window_end = min(call.closes_at, now)
    life.at = created
    language = words.language_of(rng)
    place_id, place = rng.choice(people.places)
    title = words.title(rng, language, place)
    money = amounts(rng, call.max_amount)
    life.event(applicant, "CREATED", to_status="DRAFT")
    life.audit(applicant, "application.create", "Application", app_id, {"reference": reference})
    if rng.random() < 0.4:
        life.later(rng, window_end)
        life.edit(applicant, ["summary", "budget_lines"])
    submitted_at: datetime | None = None
    withdraw_draft = target == "WITHDRAWN" and rng.random() < 0.6
    if target != "DRAFT" and not withdraw_draft:
        submitted_at = life.later(rng, window_end, 0.5)
        life.move(applicant, "SUBMIT", "SUBMITTED")
        staff_from = max(call.closes_at, life.at) if call.closes_at < now else life.at
        life.at = staff_from
        change_round = target in ("CHANGES_REQUESTED", "WITHDRAWN") or (
            target in (*REVIEWED, "SUBMITTED") and rng.random() < CHANGE_ROUND_SHARE
        )
        if change_round:
            staff = rng.choice(people.reviewers)
            life.later(rng, staff_from + 60 * DAY, 0.2)
            life.move(staff, "START_REVIEW", "IN_REVIEW")
            life.later(rng, staff_from + 60 * DAY, 0.2)
            life.move(staff, "REQUEST_CHANGES", "CHANGES_REQUESTED", rng.choice(words.CHANGE_REQUESTS))
            if target not in ("CHANGES_REQUESTED", "WITHDRAWN"):
                life.later(rng, staff_from + 60 * DAY, 0.2)
                life.edit(applicant, ["budget_lines", "summary"])
                submitted_at = life.later(rng, staff_from + 60 * DAY, 0.2)
                life.move(applicant, "SUBMIT", "SUBMITTED")
        if target in REVIEWED:
            _review_and_decide(rng, life, call, people, ledger, money["requested"], target, reference)
    if target == "WITHDRAWN":
        life.later(rng, window_end if withdraw_draft else now)
        life.move(applicant, "WITHDRAW", "WITHDRAWN", "Das Projekt wird nicht durchgeführt.")
    rows["application"].append(
        {
            "id": app_id,
            "reference": reference,
            "title": title,
            "summary": words.summary(rng, language),
            "project_start": call.project_start,
            "project_end": call.latest_end,
            "languages": sorted({"de", language, rng.choice(("ti", "ar", "tr", "fa", "so"))}),
            "own_contribution": money["own"],
            "third_party_funding": money["third"],
            "requested_amount": money["requested"],
            "targets": [{"indicator": "PARTICIPANTS", "value": rng.randint(10, 120)}],
            "status": life.status,
            "version": life.version,
            "submitted_at": submitted_at,
            "created_at": created,
            "updated_at": max(life.updated_at, created),
            "applicant_id": people.applicant_org,
            "call_id": call.id,
            "created_by_id": applicant,
            "funding_area_id": rng.choice(call.area_ids),
            "search_text": search_document([reference, title]),
        }
    )
    for position, (category, text, amount) in enumerate(money["lines"]):
        rows["budget_line"].append(
            {
                "application_id": app_id,
                "position": position,
                "category": category,
                "description": text,
                "amount": amount,
            }
        )
    rows["application_municipality"].append({"application_id": app_id, "organisation_id": place_id})
    return life.status


def _review_and_decide(
    rng: random.Random,
    life: Life,
    call: CallInfo,
    people: People,
    ledger: Ledger,
    requested: Decimal,
    target: str,
    reference: str,
) -> None:
    until = life.at + 90 * DAY
    decider = rng.choice(people.approvers)
    # Four eyes: whoever decides has not reviewed; approvers other than the decider may review.
    pool = [*people.reviewers, *(a for a in people.approvers if a != decider)]
    starter = rng.choice(pool)
    life.later(rng, until, 0.2)
    life.move(starter, "START_REVIEW", "IN_REVIEW")
    wanted = call.min_reviews if target != "IN_REVIEW" else rng.randint(0, call.min_reviews)
    for reviewer in rng.sample(pool, k=min(len(pool), wanted)):
        life.later(rng, until, 0.3)
        life.review(reviewer, call, rng)
    if target == "IN_REVIEW":
        return
    life.later(rng, until, 0.3)
    awarded = requested if rng.random() < 0.7 else (requested * 8 / 10).quantize(CENT)
    if target == "REJECTED" or not ledger.take(call.id, awarded):
        life.move(decider, "REJECT", "REJECTED", rng.choice(words.REJECTIONS))
        return
    life.move(decider, "APPROVE", "APPROVED")
    decided_at = life.at
    award_id = next(life.ids["award"])
    life.rows["award"].append(
        {
            "id": award_id,
            "application_id": life.app_id,
            "amount": awarded,
            "conditions": None,
            "decided_at": decided_at,
            "decided_by_id": decider,
        }
    )
    life.event(decider, "AWARD", f"CHF {awarded}")
    life.audit(decider, "award.create", "Award", award_id, {"amount": str(awarded), "application": reference})
    tranches = []
    for position, (part, milestone) in enumerate(tranche_amounts(awarded, list(call.tranche_plan))):
        tranche = {
            "id": next(life.ids["payment_tranche"]),
            "award_id": award_id,
            "position": position,
            "amount": part,
            "due": milestone,
            "due_on": due_date(milestone, call.project_start, call.latest_end),
            "paid_on": None,
        }
        life.rows["payment_tranche"].append(tranche)
        tranches.append(tranche)
    _aftercare(rng, life, call, people, decider, tranches, closing=target == "CLOSED")


def _aftercare(
    rng: random.Random,
    life: Life,
    call: CallInfo,
    people: People,
    caretaker: int,
    tranches: list[dict[str, object]],
    *,
    closing: bool,
) -> None:
    """Pay the first tranche at the start; after the end, the final report, the rest, and close."""
    start = datetime.combine(call.project_start, time(9), tzinfo=UTC)
    end = datetime.combine(call.latest_end, time(9), tzinfo=UTC)
    if start > life.now or rng.random() < 0.1:
        return
    life.at = max(life.at, start)
    _pay(life, tranches[0], caretaker)
    if end + 40 * DAY > life.now:
        return
    life.at = end + timedelta(days=rng.randint(5, 30))
    report_id = next(life.ids["project_report"])
    accepted = closing or rng.random() < 0.5
    report = {
        "id": report_id,
        "application_id": life.app_id,
        "kind": "FINAL",
        "status": "SUBMITTED",
        "narrative": words.summary(rng, "de"),
        "actuals": [{"indicator": code, "value": rng.randint(5, 200)} for code in people.indicators[:2]],
        "submitted_at": life.at,
        "submitted_by_id": people.applicant_user,
        "decided_at": None,
        "decided_by_id": None,
        "message": None,
    }
    life.rows["project_report"].append(report)
    life.event(people.applicant_user, "REPORT_SUBMITTED:FINAL")
    life.audit(people.applicant_user, "report.submit", "ProjectReport", report_id, {"kind": "FINAL"})
    if not accepted:
        return
    life.at += timedelta(days=rng.randint(3, 10))
    report.update(status="ACCEPTED", decided_at=life.at, decided_by_id=caretaker)
    life.event(caretaker, "REPORT_ACCEPTED:FINAL")
    life.audit(caretaker, "report.accepted", "ProjectReport", report_id, {"kind": "FINAL"})
    for tranche in tranches[1:]:
        _pay(life, tranche, caretaker)
    if closing:
        life.at += DAY
        life.move(caretaker, "CLOSE", "CLOSED")


def _pay(life: Life, tranche: dict[str, object], caretaker: int) -> None:
    paid_on = life.at.date()
    tranche["paid_on"] = paid_on
    life.event(caretaker, "TRANCHE_PAID", f"CHF {tranche['amount']}")
    changes = {"paid_on": paid_on.isoformat(), "amount": str(tranche["amount"])}
    life.audit(caretaker, "tranche.pay", "PaymentTranche", int(str(tranche["id"])), changes)
