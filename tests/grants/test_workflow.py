"""The workflow table, with plain values."""

import pytest

from grants.errors import DomainError, ErrorCode
from grants.models import ApplicationStatus as S
from grants.workflow import TRANSITIONS, Action, allows, next_status

HAPPY_PATH = [
    (S.DRAFT, Action.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, Action.START_REVIEW, S.IN_REVIEW),
    (S.IN_REVIEW, Action.REQUEST_CHANGES, S.CHANGES_REQUESTED),
    (S.CHANGES_REQUESTED, Action.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, Action.START_REVIEW, S.IN_REVIEW),
    (S.IN_REVIEW, Action.APPROVE, S.APPROVED),
    (S.APPROVED, Action.CLOSE, S.CLOSED),
]


@pytest.mark.parametrize(("status", "action", "then"), HAPPY_PATH)
def test_the_path_of_a_funded_project(status, action, then):
    assert next_status(status, action) is then


def test_final_states_allow_nothing():
    for final in (S.REJECTED, S.WITHDRAWN, S.CLOSED):
        assert [action for action in Action if allows(final, action)] == []


def test_withdrawal_only_before_review_and_after_a_change_request():
    assert sorted(s.value for s in S if allows(s, Action.WITHDRAW)) == ["CHANGES_REQUESTED", "DRAFT"]


def test_a_decision_needs_a_review_in_progress():
    assert [s for s in S if allows(s, Action.APPROVE)] == [S.IN_REVIEW]
    assert [s for s in S if allows(s, Action.REJECT)] == [S.IN_REVIEW]


def test_moves_outside_the_table_are_invalid_transitions():
    with pytest.raises(DomainError) as caught:
        next_status(S.APPROVED, Action.WITHDRAW)
    assert caught.value.problems[0].code is ErrorCode.INVALID_TRANSITION
    assert caught.value.problems[0].message == "An application that is APPROVED cannot be withdrawn"
    assert len(TRANSITIONS) == 10
