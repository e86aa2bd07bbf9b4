"""The GraphQL-over-HTTP audit of `graphql-http` (npm) against a real `kipnet serve` process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.served import ServedKipnet

AUDIT = Path(__file__).resolve().parents[1] / "conformance"
#: Set by CI: a missing audit tool fails the run instead of skipping it.
REQUIRED = os.environ.get("KIPNET_TEST_REQUIRE_CONFORMANCE") == "1"


def audit_tool_problem() -> str | None:
    """Why the audit cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        return "the audit is not installed: run `npm ci` in tests/conformance (./dev test does)"
    return None


@pytest.fixture
def audit_tool() -> Path:
    problem = audit_tool_problem()
    if problem:
        if REQUIRED:
            pytest.fail(f"KIPNET_TEST_REQUIRE_CONFORMANCE=1 but {problem}")
        pytest.skip(problem)
    return AUDIT / "audit.mjs"


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
