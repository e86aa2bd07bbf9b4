"""The GraphQL-over-HTTP audit of `graphql-http` (npm) against a real `kipnet serve` process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.node_tools import TOOLS, require_tool
from tests.served import ServedKipnet


@pytest.fixture
def audit_tool() -> Path:
    require_tool("graphql-http")
    return TOOLS / "audit.mjs"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_graphql_over_http_audit_finds_nothing(audit_tool: Path, served: ServedKipnet) -> None:
    # given a served kipnet; when the audit runs against it
    run = subprocess.run(
        ["node", str(audit_tool), f"{served.url}/graphql"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    # then every check passes: no error and no warning
    assert len(results) >= 60
    assert [(r["status"], r["name"], r.get("reason")) for r in results if r["status"] != "ok"] == []
