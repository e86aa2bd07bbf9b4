"""The architecture holds: imports point down, only settings read the environment, modules stay small."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("server", "schema", "grants", "fixtures")
MAX_LINES = 300


def modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def test_import_layers_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_only_server_settings_reads_the_environment():
    readers = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
                readers.append(str(path.relative_to(ROOT)))
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "os"
                and any(alias.name in {"environ", "getenv"} for alias in node.names)
            ):
                readers.append(str(path.relative_to(ROOT)))
    assert sorted(set(readers)) == ["server/settings.py"]


def test_every_module_says_what_it_is_and_stays_small():
    missing = [
        str(p.relative_to(ROOT))
        for p in modules()
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    long = [
        str(p.relative_to(ROOT))
        for p in modules()
        if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    ]
    assert missing == []
    assert long == []


def test_every_write_transaction_goes_through_grants_atomic():
    # grants.atomic turns constraint violations (a concurrent duplicate, a row deleted meanwhile)
    # into CONFLICT refusals; a transaction opened around it would let them escape as faults.
    openers = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "tortoise.transactions":
                openers.append(str(path.relative_to(ROOT)))
    # (grants/sequences.py advances a counter in one upsert inside its caller's transaction: it opens none)
    assert sorted(set(openers)) == ["grants/atomic.py"]
