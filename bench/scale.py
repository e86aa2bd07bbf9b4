"""Scale: the approver's application lists through the schema, in-process, at one connection.

    KIPNET_DATABASE_URL=sqlite:///tmp/big.sqlite3 .venv/bin/python -m bench.scale [--rounds 60]

(Run as a module from the project folder, on a database filled by `python -m bench.generate`.)
Runs each scenario `--rounds` times, the scenarios taking turns so that a busy moment of the
machine hits all of them alike, as the generated approver (approver-1@bench.kipnet.example), and
prints p50/p95 in milliseconds and how many applications the database holds. Compare the p50s of
two databases (1k and 100k applications) to see how a list scales.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from typing import Any

from tortoise import Tortoise

from grants.database import tortoise_config
from grants.models import Application, User
from schema import build_schema
from schema.context import Context
from server.settings import Settings

NODE = "edges { node { reference title status submittedAt call { reference } applicant { name } } }"
SCENARIOS: dict[str, str] = {
    "list": f"{{ applications(first: 50) {{ {NODE} }} }}",
    "list + totalCount": f"{{ applications(first: 50) {{ totalCount {NODE} }} }}",
    "status filter": f"{{ applications(first: 50, filter: {{status: [APPROVED]}}) {{ {NODE} }} }}",
    "title search": f'{{ applications(first: 50, filter: {{search: "begegnungscafé"}}) {{ {NODE} }} }}',
    "search + totalCount": f'{{ applications(first: 50, filter: {{search: "Begegnungscafe"}}) {{ totalCount {NODE} }} }}',
}
APPROVER = "approver-1@bench.kipnet.example"


async def measure(rounds: int, warmup: int = 5) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) milliseconds per run of each scenario.

    The CPU time is the process's, SQLite's thread included (not a PostgreSQL server's): on a
    machine others use too it moves far less than the wall time.
    """
    schema = build_schema()
    actor = await User.get(email=APPROVER)
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in SCENARIOS}
    for turn in range(warmup + rounds):
        for name, document in SCENARIOS.items():
            context = Context(actor=actor, languages=(), secret="bench-" + "x" * 40)
            started, cpu = time.perf_counter(), time.process_time()
            result = await schema.execute(document, context_value=context)
            elapsed = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
            if result.errors:
                raise SystemExit(f"{name}: {result.errors}")
            if turn >= warmup:
                timings[name].append(elapsed)
    return timings


def report(timings: dict[str, list[tuple[float, float]]]) -> list[dict[str, Any]]:
    """Wall p50 and p95, CPU p50 per scenario."""
    rows = []
    for name, values in timings.items():
        walls = sorted(wall for wall, _ in values)
        rows.append(
            {
                "scenario": name,
                "p50": statistics.median(walls),
                "p95": walls[max(0, int(len(walls) * 0.95) - 1)],
                "cpu": statistics.median(cpu for _, cpu in values),
            }
        )
    return rows


async def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args(argv)
    await Tortoise.init(config=tortoise_config(Settings.from_environ().database_url))
    try:
        count = await Application.all().count()
        rows = report(await measure(args.rounds))
    finally:
        await Tortoise.close_connections()
    print(f"{count} applications, {args.rounds} rounds")
    for row in rows:
        print(
            f"  {row['scenario']:<22} p50 {row['p50']:7.2f} ms   p95 {row['p95']:7.2f} ms"
            f"   CPU p50 {row['cpu']:7.2f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
