"""The served schema offers the whole binding contract (../shared/contract/schema.graphql)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import build_schema as build_sdl
from graphql.utilities import find_breaking_changes

from schema import build_schema

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract" / "schema.graphql"
#: Root query fields may answer null (issue 9: a bad argument nulls only its own field, as on
#: GitHub's API); graphql-core counts "T!" -> "T" on a root field as a change, nothing else may be.
NULLABLE_ROOT = re.compile(r"Field Query\.\w+ changed type from (\S+)! to \1\.")


@pytest.mark.skipif(
    not CONTRACT.exists(), reason=f"no contract at {CONTRACT} (shared/ is not beside this clone)"
)
def test_the_contract_is_served_without_a_breaking_difference():
    contract = build_sdl(CONTRACT.read_text())
    served = build_sdl(build_schema().as_str())
    changes = [change.description for change in find_breaking_changes(contract, served)]
    assert [change for change in changes if not NULLABLE_ROOT.fullmatch(change)] == []
    assert sorted(change.split()[1] for change in changes) == [
        "Query.applications",
        "Query.fundingCalls",
        "Query.organisations",
        "Query.relationshipPath",
        "Query.services",
    ]
