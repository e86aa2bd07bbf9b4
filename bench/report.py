"""The bench's figures: medians of the rounds, ratios to the bare app, CPU per request, tables.

Tables are Markdown, so a run's output can be pasted into bench/RESULTS.md as it is.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.load import Run, WrkStats

PACKAGES = (
    "strawberry-graphql",
    "graphql-core",
    "starlette",
    "uvicorn",
    "uvloop",
    "httptools",
    "tortoise-orm",
)


@dataclass
class Row:
    """One scenario on one server: kipnet's rounds and, where compared, the bare app's."""

    scenario: str
    kind: str
    variant: str = ""
    database: str = "sqlite"
    workers: int = 1
    kipnet: list[Run] = field(default_factory=list)
    bare: list[Run] = field(default_factory=list)
    #: Which table shows it: "ratio" (against the bare app) or "workers" (PostgreSQL, CPU per request).
    table: str = "ratio"

    @property
    def label(self) -> str:
        """The scenario's name with its variant (cached, uncached)."""
        return f"{self.scenario} ({self.variant})" if self.variant else self.scenario


def median(runs: Sequence[Run], value: Callable[[Run], float]) -> float:
    """The median of one figure over the rounds (0 when there are none)."""
    return statistics.median(value(run) for run in runs) if runs else 0.0


def per_second(runs: Sequence[Run]) -> float:
    """Median requests per second."""
    return median(runs, lambda run: run.stats.per_second)


def ratio(row: Row) -> float | None:
    """kipnet's median requests/s ÷ the bare app's, None without a bare comparison."""
    bare = per_second(row.bare)
    return per_second(row.kipnet) / bare if bare else None


def cpu_ms_per_request(runs: Sequence[Run], cpu: Callable[[Run], float], *, client: bool = False) -> float:
    """CPU milliseconds per request over all rounds (total CPU ÷ total requests).

    The server's and the database's CPU is divided by the requests the server worked on
    (`Run.served`), wrk's by the answers it received.
    """
    requests = sum(run.stats.requests if client or not run.served else run.served for run in runs)
    return 1000 * sum(cpu(run) for run in runs) / requests if requests else 0.0


def cpu_ratio(row: Row) -> float | None:
    """The bare app's CPU per request ÷ kipnet's: the ratio as the CPU sees it, which a busy
    neighbour on the machine moves much less than requests per second."""
    if not row.bare:
        return None
    kipnet = cpu_ms_per_request(row.kipnet, lambda run: run.server_cpu)
    return cpu_ms_per_request(row.bare, lambda run: run.server_cpu) / kipnet if kipnet else None


def per_core(runs: Sequence[Run]) -> float:
    """Requests one fully busy kipnet core answers per second: 1 ÷ kipnet's CPU per request."""
    ms = cpu_ms_per_request(runs, lambda run: run.server_cpu)
    return 1000 / ms if ms else 0.0


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


def markdown(header: Sequence[str], lines: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded to line up (the first left-aligned, numbers right)."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ("-" if i == 0 else ":")) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in lines)])


def ratio_table(rows: Sequence[Row]) -> str:
    """Scenario, kipnet req/s (median of rounds), p50, p95, bare req/s, ratio, CPU per request, CPU ratio."""
    header = (
        "scenario",
        "kipnet req/s",
        "p50 ms",
        "p95 ms",
        "bare req/s",
        "ratio",
        "CPU ms/req",
        "bare CPU ms/req",
        "CPU ratio",
    )
    lines = [
        (
            row.label,
            _number(per_second(row.kipnet)),
            _number(median(row.kipnet, lambda run: run.stats.p50_ms)),
            _number(median(row.kipnet, lambda run: run.stats.p95_ms)),
            _number(per_second(row.bare)) if row.bare else "—",
            _ratio(ratio(row)),
            _number(cpu_ms_per_request(row.kipnet, lambda run: run.server_cpu)),
            _number(cpu_ms_per_request(row.bare, lambda run: run.server_cpu)) if row.bare else "—",
            _ratio(cpu_ratio(row)),
        )
        for row in rows
    ]
    return markdown(header, lines)


def cpu_table(rows: Sequence[Row]) -> str:
    """Workers compared by CPU: per request for kipnet, PostgreSQL and wrk, and req/s per kipnet core."""
    header = (
        "scenario",
        "workers",
        "req/s",
        "p50 ms",
        "p95 ms",
        "kipnet CPU ms/req",
        "PostgreSQL CPU ms/req",
        "wrk CPU ms/req",
        "req/s per kipnet core",
    )
    lines = [
        (
            row.label,
            str(row.workers),
            _number(per_second(row.kipnet)),
            _number(median(row.kipnet, lambda run: run.stats.p50_ms)),
            _number(median(row.kipnet, lambda run: run.stats.p95_ms)),
            _number(cpu_ms_per_request(row.kipnet, lambda run: run.server_cpu)),
            _number(cpu_ms_per_request(row.kipnet, lambda run: run.database_cpu)),
            _number(cpu_ms_per_request(row.kipnet, lambda run: run.client_cpu, client=True)),
            _number(per_core(row.kipnet)),
        )
        for row in rows
    ]
    return markdown(header, lines)


def rows_to_json(rows: Sequence[Row]) -> str:
    """Every round of every row, for `--tables` and for comparing runs later."""
    return json.dumps([asdict(row) for row in rows], indent=1)


def rows_from_json(text: str) -> list[Row]:
    """The rows that `python -m bench --json FILE` wrote, to print their tables again."""
    rows = []
    for record in json.loads(text):
        runs = {
            side: [Run(**(run | {"stats": WrkStats(**run["stats"])})) for run in record[side]]
            for side in ("kipnet", "bare")
        }
        rows.append(Row(**(record | runs)))
    return rows


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    models = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("model name")]
    return models[0] if models else "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def machine() -> list[str]:
    """Where and when: date, cores, CPU model, load, Python and the stack's versions, wrk."""
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {os.cpu_count()} cores, {_cpu_model()}, {platform.system()} {platform.release()}",
        f"load average (1, 5, 15 min) at start: {load}",
        f"Python {platform.python_version()}; " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
        (wrk.stdout or wrk.stderr).splitlines()[0] if (wrk.stdout or wrk.stderr) else "wrk: not found",
    ]
