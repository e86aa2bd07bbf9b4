"""Who may attach and remove which documents, and how much an application may hold: pure rules.

An application's documents follow the application: its applicant attaches and removes them while it
may edit the application (grants.workflow.EDITABLE, as for updateApplication); once submitted they
are frozen. A report's attachments are added while the report waits for staff (SUBMITTED). The
decision letter is written by kipnet, never attached or removed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from grants.errors import ErrorCode, Problem
from grants.models import ApplicationStatus, DocumentKind, ReportStatus
from grants.workflow import EDITABLE

#: Kinds an applicant gives a report's files; the others belong to the application itself.
REPORT_KINDS = frozenset({DocumentKind.REPORT_ATTACHMENT, DocumentKind.OTHER})
#: Kinds nobody attaches by hand.
GENERATED_KINDS = frozenset({DocumentKind.DECISION_LETTER})
MEGABYTE = 1024 * 1024
MAX_DOCUMENTS = 100


@dataclass(frozen=True, slots=True)
class Limits:
    """How large one document and all documents of one application may be, in bytes."""

    per_file: int = 20 * MEGABYTE
    per_application: int = 100 * MEGABYTE
    #: How many documents one application (its reports included) may hold: sizes alone do not bound
    #: the count, and every list of an application needs a bound (schema/base/list_bounds.py).
    count_per_application: int = MAX_DOCUMENTS


def attach_problem(
    *, status: ApplicationStatus, report_status: ReportStatus | None, kind: DocumentKind
) -> Problem | None:
    """Why the applicant may not attach a `kind` document now (None: they may).

    `report_status` is None for a document of the application itself.
    """
    if kind in GENERATED_KINDS:
        return Problem(ErrorCode.INVALID, "kipnet writes the decision letter itself", ("kind",))
    if report_status is None:
        if kind is DocumentKind.REPORT_ATTACHMENT:
            return Problem(
                ErrorCode.INVALID, "Report attachments need the report they belong to", ("report",)
            )
        if status not in EDITABLE:
            return Problem(
                ErrorCode.INVALID_TRANSITION,
                "Documents of an application that is {status} cannot be changed",
                ("application",),
                status=status.value,
            )
        return None
    if kind not in REPORT_KINDS:
        return Problem(ErrorCode.INVALID, "A report takes report attachments only", ("kind",))
    if report_status is not ReportStatus.SUBMITTED:
        return Problem(
            ErrorCode.INVALID_TRANSITION,
            "Documents of a report that is {status} cannot be changed",
            ("report",),
            status=report_status.value,
        )
    return None


def remove_problem(
    *, status: ApplicationStatus, report_status: ReportStatus | None, kind: DocumentKind
) -> Problem | None:
    """Why the applicant may not remove a `kind` document now (None: they may): as for attaching."""
    problem = attach_problem(status=status, report_status=report_status, kind=kind)
    if problem is None:
        return None
    return Problem(problem.code, problem.template, ("id",), **problem.params)


def total_problem(*, stored: int, adding: int, limits: Limits, count: int = 0) -> Problem | None:
    """Why `adding` bytes do not fit beside the `stored` bytes (in `count` documents) of the application
    (None: they fit)."""
    if count >= limits.count_per_application:
        return Problem(
            ErrorCode.INVALID,
            "An application may hold at most {limit} documents",
            ("file",),
            limit=limits.count_per_application,
        )
    if adding > limits.per_file:
        return Problem(
            ErrorCode.INVALID, "A document may be at most {limit} MB", ("file",), limit=_mb(limits.per_file)
        )
    if stored + adding > limits.per_application:
        return Problem(
            ErrorCode.INVALID,
            "The documents of an application may together be at most {limit} MB; {free} MB are left",
            ("file",),
            limit=_mb(limits.per_application),
            free=_mb(max(0, limits.per_application - stored), down=True),
        )
    return None


def _mb(size: int, *, down: bool = False) -> str:
    """A size in MB as people read it: whole when it is whole, else with one decimal."""
    tenths = size * 10 // MEGABYTE if down else -(-size * 10 // MEGABYTE)
    whole, tenth = divmod(tenths, 10)
    return str(whole) if tenth == 0 else f"{whole}.{tenth}"
