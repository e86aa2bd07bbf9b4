"""kipnet's benchmark suite (issue 11): kipnet against a bare Starlette app, side by side.

    .venv/bin/python -m bench [--quick] [--only NAME] [--postgres URL] [--applications N] …

Prepares the demo (`kipnet serve --demo`, stopped again) on a fresh SQLite database, serves it
with a plain `kipnet serve`, records kipnet's answer to each scenario, serves the same bytes
from a bare Starlette app on the same uvicorn, and measures both with wrk in alternating rounds;
anonymous reads once with the response cache at its default and once with
KIPNET_PUBLIC_CACHE_MB=0. With --postgres it does the same on a fresh PostgreSQL
database with 1 and 2 workers and reports CPU per request. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bench import servers
from bench.load import LoadFailure, wrk_path
from bench.measure import Plan, Target, measure_server
from bench.report import Row, cpu_table, machine, ratio_table, rows_from_json, rows_to_json
from bench.scenarios import Kind, Scenario, scenarios, selected
from tests.served import ServedKipnet

#: The scenario classes that the per-core figures of the README are given for.
WORKER_SCENARIOS = ("directory-gql", "small-post", "applications", "page-staff", "create-application")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per scenario (3)")
    parser.add_argument("--seconds", type=float, default=5, help="length of one wrk run (5)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1: the other core serves)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 round of 2 seconds")
    parser.add_argument("--only", action="append", metavar="NAME", help="scenarios named NAME or NAME-…")
    parser.add_argument("--database-url", help="serve this database instead of a fresh SQLite file")
    parser.add_argument("--workers", type=int, default=1, help="kipnet's workers (PostgreSQL only)")
    parser.add_argument("--applications", type=int, default=0, help="add N applications (bench.generate)")
    parser.add_argument(
        "--postgres", metavar="URL", help="also on a new database on this server, with 1 and 2 workers"
    )
    parser.add_argument("--postgres-workers", default="1,2", help="worker counts for --postgres (1,2)")
    parser.add_argument("--json", type=Path, help="also write every round's figures to this file")
    parser.add_argument("--tables", type=Path, metavar="FILE", help="only print the tables of a --json file")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds = 1, 2
    return args


def _server_database(url: str) -> tuple[str | None, str | None]:
    """(server URL, database name) for reading PostgreSQL's CPU; (None, None) on SQLite."""
    if not url.startswith("postgres"):
        return None, None
    return url, url.partition("?")[0].rpartition("/")[2]


@dataclass(frozen=True, slots=True)
class Setting:
    """Where a database's scenarios run: the plan, the workers, the database, the bare comparison."""

    plan: Plan
    directory: Path
    workers: int
    compare: bool
    postgres: str | None = None
    database: str | None = None

    def row(self, scenario: Scenario, variant: str) -> Row:
        """An empty row for `scenario` (the variant shown for cacheable scenarios only)."""
        shown = variant if scenario.cacheable else ""
        label = "postgres" if self.postgres else "sqlite"
        table = "ratio" if self.compare else "workers"
        return Row(scenario.name, scenario.kind.value, shown, label, self.workers, table=table)


def _measure(server: ServedKipnet, chosen: list[Scenario], variant: str, setting: Setting) -> list[Row]:
    """The reads (against the bare app if compared), then the writes (never compared) on one server."""
    assert server.process is not None, "kipnet is not running"
    target = Target(server.url, server.process.pid, setting.postgres, setting.database)
    rows: list[Row] = []
    for writes in (False, True):
        group = [s for s in chosen if (s.kind is Kind.WRITE) == writes]
        if group:
            rows += measure_server(
                target,
                group,
                plan=setting.plan,
                directory=setting.directory,
                workers=setting.workers,
                compare=setting.compare and not writes,
                row=lambda scenario: setting.row(scenario, variant),
            )
    return rows


def run_database(
    url: str,
    accounts: dict[str, tuple[str, str]],
    pick: Callable[[list[Scenario]], list[Scenario]],
    setting: Setting,
) -> list[Row]:
    """Every chosen scenario on one database: served with the cache, then the public reads without."""
    server = servers.kipnet(url, setting.directory, workers=setting.workers, cached=True).start()
    try:
        signed_in = asyncio.run(servers.credentials(server, accounts))
        chosen = pick(scenarios(signed_in, _today()))
        rows = _measure(server, chosen, "cached", setting)
    finally:
        server.stop()
    public = [s for s in chosen if s.cacheable]
    if public:
        server = servers.kipnet(url, setting.directory, workers=setting.workers, cached=False).start()
        try:
            rows += _measure(server, public, "uncached", setting)
        finally:
            server.stop()
    return rows


def _today() -> date:
    return datetime.now(UTC).date()


def print_tables(rows: list[Row]) -> None:
    """The ratio table of the compared rows, the CPU table of the PostgreSQL workers' rows."""
    compared = [row for row in rows if row.table == "ratio"]
    workers = [row for row in rows if row.table == "workers"]
    if compared:
        runs = compared[0].kipnet
        seconds = runs[0].stats.seconds if runs else 0
        where = (
            f"{compared[0].database}, {compared[0].workers} worker{'s' if compared[0].workers > 1 else ''}"
        )
        print(f"\n## kipnet ÷ bare Starlette ({where}; {len(runs)} rounds of {seconds:.0f} s, medians)\n")
        print(ratio_table(compared))
    if workers:
        print("\n## PostgreSQL: workers and CPU per request (client on the same machine)\n")
        print(cpu_table(workers))


def main(argv: list[str] | None = None) -> int:
    """Run the bench; 1 when a run saw a refused answer or a socket error."""
    args = _arguments(argv)
    if args.tables:
        print_tables(rows_from_json(args.tables.read_text()))
        return 0
    try:
        wrk_path()
    except LoadFailure as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    header = machine()
    header.insert(1, f"command: python -m bench {shlex.join(argv if argv is not None else sys.argv[1:])}")
    print("\n".join(header), flush=True)
    if servers.CACHE_VARIABLE not in (servers.PROJECT / "server" / "settings.py").read_text():
        print(f"bench: this kipnet does not read {servers.CACHE_VARIABLE} yet: cached = uncached")
    main_rows: list[Row] = []
    worker_rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory(prefix="kipnet-bench-") as temporary:
            directory = Path(temporary)
            url = args.database_url or f"sqlite://{directory / 'bench.sqlite3'}"
            accounts = servers.prepare(url, directory, args.applications)
            plan = Plan(
                rounds=args.rounds,
                seconds=args.seconds,
                warmup=1 if args.quick else 2,
                connections=args.connections,
                threads=args.threads,
            )
            postgres, database = _server_database(url)
            main = Setting(plan, directory, args.workers, True, postgres, database)
            main_rows = run_database(url, accounts, lambda every: selected(args.only, every), main)
            if args.postgres:

                def classes(every: list[Scenario]) -> list[Scenario]:
                    return [s for s in selected(args.only, every) if s.name in WORKER_SCENARIOS]

                name, pg_url = servers.create_database(args.postgres)
                try:
                    accounts = servers.prepare(pg_url, directory, args.applications)
                    for workers in (int(w) for w in args.postgres_workers.split(",")):
                        setting = Setting(plan, directory, workers, False, args.postgres, name)
                        worker_rows += run_database(pg_url, accounts, classes, setting)
                finally:
                    servers.drop_database(args.postgres, name)
    except LoadFailure as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        return 1
    print_tables(main_rows + worker_rows)
    if args.json:
        args.json.write_text(rows_to_json(main_rows + worker_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
