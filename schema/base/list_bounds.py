"""How long each list field can be, for the cost model: one table by field coordinate ("Type.field").

A list without paging is as expensive as it is long, so the cost model multiplies what a list field
selects by its bound here. A bound is the longest list the domain allows (a rule in grants/) or, for
lists that only the data keep short, a generous figure marked "data"; lists a client fills are as
long as the input gate (schema/base/input_gate.py) lets them be. `edges` of a connection are
bounded by the connection's own `first`, which the cost model already multiplies by: they count once.
tests/schema/test_cost.py walks the schema and fails for a list field missing here, so a new list
cannot be forgotten; until then, at run time, an unknown list counts as DEFAULT_LIST_BOUND items.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from grants.directory.graph import MAX_PATH_LENGTH
from grants.documents.rules import MAX_DOCUMENTS
from grants.totp import RECOVERY_CODES
from schema.base.input_gate import LIST_LIMITS

#: What an undeclared list counts as (a list the table forgot; the test above refuses that).
DEFAULT_LIST_BOUND = 50

#: The page is already counted by the connection field's `first`.
PAGED_BY_CONNECTION = 1

#: Every field of the largest input (200 budget lines) wrong at once, with room to spare.
MAX_USER_ERRORS = 500

_PAYLOADS = (
    "ApplicationPayload",
    "BankAccountPayload",
    "ChangePasswordPayload",
    "DeletePayload",
    "FundingCallPayload",
    "InternalNotePayload",
    "LoginPayload",
    "LogoutEverywherePayload",
    "LogoutPayload",
    "OrganisationPayload",
    "ProjectReportPayload",
    "RelationshipPayload",
    "ReviewPayload",
    "ServicePayload",
    "UserPayload",
    "RequestPasswordResetPayload",
    "TwoFactorPayload",
    "TwoFactorSetupPayload",
    "DocumentPayload",
)
_CONNECTIONS = (
    "ApplicationConnection",
    "ApplicationEventConnection",
    "OrganisationConnection",
    "RelationshipConnection",
    "ServiceConnection",
    "UserConnection",
)

LIST_BOUNDS: Mapping[str, int] = MappingProxyType(
    {
        # an application's parts: as many as the input gate lets in
        "Application.budgetLines": LIST_LIMITS["CreateApplicationInput.budgetLines"],
        "Application.municipalities": LIST_LIMITS["CreateApplicationInput.municipalities"],
        "Application.languages": LIST_LIMITS["CreateApplicationInput.languages"],
        "Application.targets": LIST_LIMITS["CreateApplicationInput.targets"],
        "Application.reviews": 20,  # data: one per reviewer (unique application × reviewer)
        "Application.internalNotes": 100,  # data: notes accumulate, no rule caps them
        "Application.reports": 20,  # data: interim reports over a project's years, and the final one
        "Application.documents": MAX_DOCUMENTS,  # a rule: grants.documents.rules.Limits
        "Award.tranches": LIST_LIMITS["CreateFundingCallInput.tranchePlan"],
        "DuePayments.items": 200,  # schema/applications/payments.py MAX_DUE
        "ProjectReport.actuals": LIST_LIMITS["SubmitProjectReportInput.actuals"],
        # calls and the programme: criteria are an input bound; funding areas, indicators and
        # programmes are the programme's catalogue (8 areas per phase, 6 indicators, 4 phases today)
        "FundingCall.criteria": LIST_LIMITS["CreateFundingCallInput.criteria"],
        "Review.scores": LIST_LIMITS["SubmitReviewInput.scores"],  # one per criterion of the call
        "FundingCall.fundingAreas": LIST_LIMITS["CreateFundingCallInput.fundingAreas"],
        "Programme.fundingAreas": 10,
        "ProgrammeReport.byFundingArea": 10,
        "ProgrammeReport.indicators": 50,
        "Query.fundingAreas": 50,
        "Query.indicators": 50,
        "Query.programmes": 20,
        "Query.fundingCalls": 100,  # data: a few calls a year
        "MunicipalReachReport.municipalities": 86,
        # the directory
        "Organisation.languages": LIST_LIMITS["CreateOrganisationInput.languages"],
        "Service.languages": LIST_LIMITS["CreateServiceInput.languages"],
        "Query.relationshipPath": MAX_PATH_LENGTH,
        "PartnerNetwork.organisations": 300,  # data: the canton's whole directory at most
        "PartnerNetwork.relationships": 600,  # data: two relationships per partner on average
        # mutation answers: a field path is ["input", "budgetLines", "2", "amount"] at its deepest
        "UserError.field": 8,
        "TwoFactorPayload.recoveryCodes": RECOVERY_CODES,  # shown once, ten at a time
        **{f"{payload}.errors": MAX_USER_ERRORS for payload in _PAYLOADS},
        **{f"{connection}.edges": PAGED_BY_CONNECTION for connection in _CONNECTIONS},
    }
)


def list_bound(coordinate: str) -> int:
    """The most items the list field at `coordinate` ("Type.field") can hold."""
    return LIST_BOUNDS.get(coordinate, DEFAULT_LIST_BOUND)
