"""viewerCan rules, with plain values."""

from dataclasses import dataclass

from grants.abilities import Abilities, abilities, sees_reviews
from grants.models import ApplicationStatus as S
from grants.models import Role


@dataclass(frozen=True)
class Person:
    id: int
    role: Role
    organisation_id: int | None


def person(role: Role, pk: int = 1, organisation: int | None = None) -> Person:
    return Person(pk, role, organisation)


def can(actor: Person | None, status: S, reviewers: tuple[int, ...] = (), min_reviews: int = 1) -> Abilities:
    return abilities(actor, status=status, applicant_id=7, reviewer_ids=reviewers, min_reviews=min_reviews)


def test_the_applicant_edits_submits_and_withdraws_its_own_draft_only():
    own, other = person(Role.APPLICANT, organisation=7), person(Role.APPLICANT, organisation=8)
    assert can(own, S.DRAFT) == Abilities(edit=True, submit=True, withdraw=True, review=False, decide=False)
    assert can(other, S.DRAFT) == Abilities(False, False, False, False, False)
    assert can(own, S.SUBMITTED) == Abilities(False, False, False, False, False)
    assert can(own, S.CHANGES_REQUESTED) == Abilities(
        edit=True, submit=True, withdraw=True, review=False, decide=False
    )


def test_an_approver_decides_only_with_enough_reviews_by_others():
    approver = person(Role.APPROVER, pk=5)
    assert can(approver, S.IN_REVIEW, reviewers=(2,)).decide is True
    assert can(approver, S.IN_REVIEW, reviewers=(2, 5)).decide is False
    assert can(approver, S.IN_REVIEW, reviewers=(2,), min_reviews=2).decide is False
    assert can(person(Role.REVIEWER), S.IN_REVIEW, reviewers=(2,)) == Abilities(
        False, False, False, True, False
    )
    assert can(None, S.IN_REVIEW) == Abilities(False, False, False, False, False)


def test_only_staff_see_reviews():
    assert [sees_reviews(person(role)) for role in Role] == [False, True, True, True]
    assert sees_reviews(None) is False
