"""Who may attach and remove documents when, and how much fits: pure rules, plain values."""

from __future__ import annotations

import pytest

from grants.documents.rules import MEGABYTE, Limits, attach_problem, remove_problem, total_problem
from grants.errors import ErrorCode, Problem
from grants.models import ApplicationStatus, DocumentKind, ReportStatus

S = ApplicationStatus
LIMITS = Limits(per_file=20 * MEGABYTE, per_application=100 * MEGABYTE)


def described(problem: Problem | None) -> tuple[ErrorCode, str, tuple[str, ...]] | None:
    return None if problem is None else (problem.code, problem.message, problem.field)


@pytest.mark.parametrize("status", [S.DRAFT, S.CHANGES_REQUESTED])
def test_an_editable_application_takes_documents(status):
    assert attach_problem(status=status, report_status=None, kind=DocumentKind.BUDGET) is None


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN, S.CLOSED])
def test_documents_of_a_submitted_application_are_frozen(status):
    assert described(attach_problem(status=status, report_status=None, kind=DocumentKind.BUDGET)) == (
        ErrorCode.INVALID_TRANSITION,
        f"Documents of an application that is {status.value} cannot be changed",
        ("application",),
    )
    assert described(remove_problem(status=status, report_status=None, kind=DocumentKind.BUDGET)) == (
        ErrorCode.INVALID_TRANSITION,
        f"Documents of an application that is {status.value} cannot be changed",
        ("id",),
    )


def test_nobody_attaches_a_decision_letter_by_hand():
    assert described(
        attach_problem(status=S.DRAFT, report_status=None, kind=DocumentKind.DECISION_LETTER)
    ) == (
        ErrorCode.INVALID,
        "kipnet writes the decision letter itself",
        ("kind",),
    )


def test_a_report_attachment_needs_its_report():
    assert described(
        attach_problem(status=S.DRAFT, report_status=None, kind=DocumentKind.REPORT_ATTACHMENT)
    ) == (
        ErrorCode.INVALID,
        "Report attachments need the report they belong to",
        ("report",),
    )


def test_a_waiting_report_takes_attachments_after_the_award():
    assert (
        attach_problem(
            status=S.APPROVED, report_status=ReportStatus.SUBMITTED, kind=DocumentKind.REPORT_ATTACHMENT
        )
        is None
    )


@pytest.mark.parametrize("report_status", [ReportStatus.ACCEPTED, ReportStatus.RETURNED])
def test_a_decided_report_is_frozen(report_status):
    assert described(
        attach_problem(status=S.APPROVED, report_status=report_status, kind=DocumentKind.REPORT_ATTACHMENT)
    ) == (
        ErrorCode.INVALID_TRANSITION,
        f"Documents of a report that is {report_status.value} cannot be changed",
        ("report",),
    )


def test_a_report_takes_report_kinds_only():
    assert described(
        attach_problem(status=S.APPROVED, report_status=ReportStatus.SUBMITTED, kind=DocumentKind.STATUTES)
    ) == (ErrorCode.INVALID, "A report takes report attachments only", ("kind",))


def test_a_file_up_to_the_limit_fits():
    assert total_problem(stored=80 * MEGABYTE, adding=20 * MEGABYTE, limits=LIMITS) is None


def test_one_byte_over_the_file_limit_is_refused():
    assert described(total_problem(stored=0, adding=20 * MEGABYTE + 1, limits=LIMITS)) == (
        ErrorCode.INVALID,
        "A document may be at most 20 MB",
        ("file",),
    )


def test_the_application_total_counts_what_is_stored():
    assert described(
        total_problem(stored=95 * MEGABYTE + MEGABYTE // 2, adding=5 * MEGABYTE, limits=LIMITS)
    ) == (
        ErrorCode.INVALID,
        "The documents of an application may together be at most 100 MB; 4.5 MB are left",
        ("file",),
    )


def test_a_full_application_has_nothing_left():
    assert described(total_problem(stored=100 * MEGABYTE, adding=1, limits=LIMITS)) == (
        ErrorCode.INVALID,
        "The documents of an application may together be at most 100 MB; 0 MB are left",
        ("file",),
    )


def test_an_application_holds_a_bounded_number_of_documents():
    assert total_problem(stored=0, adding=1, limits=LIMITS, count=99) is None
    assert described(total_problem(stored=0, adding=1, limits=LIMITS, count=100)) == (
        ErrorCode.INVALID,
        "An application may hold at most 100 documents",
        ("file",),
    )
