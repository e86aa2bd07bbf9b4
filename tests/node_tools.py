"""The Node.js tools of tests/conformance (installed by `./dev test` with `npm ci`, pinned by its
package-lock.json): whether one can run here, else a skip with the reason, or a failure in CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent / "conformance"
#: Set by CI: a missing tool fails the run instead of skipping it.
REQUIRED = os.environ.get("KIPNET_TEST_REQUIRE_CONFORMANCE") == "1"


def tool_problem(package: str) -> str | None:
    """Why the npm package `package` of tests/conformance cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not (TOOLS / "node_modules" / package).is_dir():
        return f"{package} is not installed: run `npm ci` in tests/conformance (./dev test does)"
    return None


def require_tool(package: str) -> None:
    """Skip the calling test when `package` cannot run; fail instead under KIPNET_TEST_REQUIRE_CONFORMANCE=1."""
    problem = tool_problem(package)
    if problem:
        if REQUIRED:
            pytest.fail(f"KIPNET_TEST_REQUIRE_CONFORMANCE=1 but {problem}")
        pytest.skip(problem)
