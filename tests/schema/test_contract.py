"""The served schema offers the whole binding contract (../shared/contract/schema.graphql)."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import build_schema as build_sdl
from graphql.utilities import find_breaking_changes

from schema import build_schema

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract" / "schema.graphql"


@pytest.mark.skipif(
    not CONTRACT.exists(), reason=f"no contract at {CONTRACT} (shared/ is not beside this clone)"
)
def test_the_contract_is_served_without_a_breaking_difference():
    contract = build_sdl(CONTRACT.read_text())
    served = build_sdl(build_schema().as_str())
    assert [change.description for change in find_breaking_changes(contract, served)] == []
