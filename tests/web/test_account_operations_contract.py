"""The portal's account operations (issue 12) are valid documents of the binding contract.

They run against the `accounts` part of the API (contract/accounts.graphql), which this branch's
schema may not serve yet: so they are validated against the contract's SDL itself — schema.graphql
extended by accounts.graphql — and tests/web/test_operations.py checks them against the served
schema once both are merged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLSchema, parse, validate
from graphql import build_schema as build_sdl

from web.execute import operations

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract"
#: The operations of the account pages, every one touching the accounts part of the contract.
ACCOUNT_OPERATIONS = (
    "RequestPasswordReset",
    "ResetPassword",
    "AcceptInvitation",
    "AccountDetails",
    "UpdateOwnDetails",
    "InviteColleague",
    "AdminUsers",
    "AdminUser",
    "AdminInviteUser",
    "AdminUpdateUser",
    "AdminOrganisationChoices",
)

pytestmark = pytest.mark.skipif(
    not (CONTRACT / "accounts.graphql").exists(),
    reason=f"no contract at {CONTRACT} (shared/ is not beside this clone)",
)


def contract() -> GraphQLSchema:
    """The contract's schema: schema.graphql extended by accounts.graphql."""
    parts = [(CONTRACT / name).read_text(encoding="utf-8") for name in ("schema.graphql", "accounts.graphql")]
    return build_sdl("\n".join(parts))


def test_every_account_operation_validates_against_the_contract() -> None:
    # given the contract's schema with its accounts part, and the portal's documents
    documents = operations()
    # when each account operation is validated against it
    problems = {
        name: [e.message for e in validate(contract(), parse(documents[name]))] for name in ACCOUNT_OPERATIONS
    }
    # then none has a problem
    assert {name: found for name, found in problems.items() if found} == {}


def test_a_forged_operation_would_be_caught_by_the_same_check() -> None:
    # given the contract and a document asking for a field the contract does not have
    forged = "query Forged { users { edges { node { passwordDigest } } } }"
    # when it is validated, then the unknown field is named
    assert [e.message for e in validate(contract(), parse(forged))] == [
        "Cannot query field 'passwordDigest' on type 'User'."
    ]
