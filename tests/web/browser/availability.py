"""Whether the browser tests can run here (Debian's Chromium, axe-core; Playwright is a dev dependency),
else a skip with the reason, or a failure where KIPNET_TEST_REQUIRE_BROWSER=1 (CI) says they must run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.node_tools import TOOLS

#: Set by CI: a missing browser or axe-core fails the run instead of skipping the browser tests.
REQUIRED = os.environ.get("KIPNET_TEST_REQUIRE_BROWSER") == "1"
#: axe-core's browser bundle, installed by `npm ci` in tests/conformance (./dev test does it).
AXE_SCRIPT = TOOLS / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> Path | None:
    """Debian's Chromium (or KIPNET_TEST_CHROMIUM): never a browser Playwright downloads."""
    chosen = os.environ.get("KIPNET_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    path = Path(chosen)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium; or set KIPNET_TEST_CHROMIUM)"
    if not AXE_SCRIPT.is_file():
        return "axe-core is not installed: run `npm ci` in tests/conformance (./dev test does, with Node.js)"
    return None


def require_browser() -> None:
    """Skip the calling test when the browser tests cannot run; fail instead under KIPNET_TEST_REQUIRE_BROWSER=1."""
    problem = browser_problem()
    if problem:
        if REQUIRED:
            pytest.fail(f"KIPNET_TEST_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)
