"""Measuring one server's scenarios: record kipnet's answers, then kipnet and bare in alternation.

Rounds alternate, and the order flips each round (kipnet then bare, bare then kipnet …), so a
neighbour's load on the shared machine falls on both sides alike rather than on one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import cpu
from bench.bare import Answer
from bench.load import LoadFailure, Run, check, lua_script, run_wrk
from bench.report import Row, per_second
from bench.scenarios import VARYING, Scenario, revalidation
from bench.servers import BareServer, backend_pids


@dataclass(frozen=True, slots=True)
class Plan:
    """How long and how hard: rounds, seconds per wrk run, connections, wrk threads."""

    rounds: int = 3
    seconds: float = 5.0
    warmup: float = 2.0
    connections: int = 16
    threads: int = 1


@dataclass(frozen=True, slots=True)
class Target:
    """A running server to measure: its URL and root process; PostgreSQL's server and database, if any."""

    url: str
    pid: int
    postgres: str | None = None
    database: str | None = None


def capture(base: str, scenario: Scenario) -> Answer:
    """Ask kipnet once and check the answer; what the bare app will answer to the same request."""
    request = scenario.request
    body = request.body.replace(VARYING.encode(), b"capture") if scenario.varying else request.body
    with httpx.Client(base_url=base, timeout=120) as client:
        response = client.request(
            request.method, request.target, content=body or None, headers=dict(request.headers)
        )
    problem = None
    if response.status_code != scenario.expect:
        problem = f"status {response.status_code}, expected {scenario.expect}"
    elif scenario.graphql and scenario.expect == 200:
        document = response.json()
        data = document.get("data") or {}
        if document.get("errors") or not data:
            problem = f"GraphQL errors: {document.get('errors')}"
        elif scenario.varying and any(value.get("errors") for value in data.values()):
            problem = f"the mutation was refused: {data}"
    if problem:
        raise LoadFailure(f"{scenario.name}: {problem}: {response.text[:500]}")
    return Answer(
        method=request.method,
        path=request.path,
        query=request.query,
        body=request.body,
        if_none_match=dict(request.headers).get("If-None-Match", ""),
        status=response.status_code,
        content_type=response.headers.get("content-type", ""),
        content=response.content,
        etag=response.headers.get("etag", ""),
    )


def with_revalidations(base: str, scenarios: Sequence[Scenario]) -> tuple[list[Scenario], list[Answer]]:
    """The scenarios and kipnet's answers, plus an If-None-Match scenario for each GET that sent an ETag."""
    measured, answers = [], []
    for scenario in scenarios:
        answer = capture(base, scenario)
        measured.append(scenario)
        answers.append(answer)
        if not (scenario.cacheable and scenario.request.method == "GET" and scenario.graphql):
            continue
        if not answer.etag:
            print(f"bench: {scenario.name}-304 skipped: kipnet sent no ETag for {scenario.name}")
            continue
        again = revalidation(scenario, answer.etag)
        measured.append(again)
        answers.append(capture(base, again))
    return measured, answers


def _one(target: Target, script: Path, plan: Plan, seconds: float) -> Run:
    server_before = cpu.wait_idle(target.pid)
    pids = backend_pids(target.postgres, target.database)
    database_before = cpu.processes_cpu_ticks(pids)
    stats, client = run_wrk(
        target.url, script, seconds=seconds, connections=plan.connections, threads=plan.threads
    )
    server = cpu.wait_idle(target.pid) - server_before
    now = set(pids) | set(backend_pids(target.postgres, target.database))
    database = cpu.ticks_used(database_before, cpu.processes_cpu_ticks(now))
    served = stats.requests + max(plan.connections, plan.threads)
    return Run(stats=stats, client_cpu=client, server_cpu=server, database_cpu=database, served=served)


def measure(
    scenario: Scenario, kipnet: Target, bare: Target | None, plan: Plan, directory: Path
) -> tuple[list[Run], list[Run]]:
    """Warm both up, then `plan.rounds` alternating runs; every run is checked for refusals."""
    script = directory / f"{scenario.name}-{uuid.uuid4().hex[:6]}.lua"
    script.write_text(lua_script(scenario.request, varying=scenario.varying, run_tag=uuid.uuid4().hex[:6]))
    sides: list[tuple[Target, list[Run]]] = [(kipnet, [])]
    if bare is not None:
        sides.append((bare, []))
    for target, _ in sides:
        check(f"{scenario.name} (warm-up)", _one(target, script, plan, plan.warmup).stats, warm_up=True)
    for number in range(plan.rounds):
        for target, runs in sides if number % 2 == 0 else sides[::-1]:
            run = _one(target, script, plan, plan.seconds)
            check(f"{scenario.name} ({'kipnet' if target is kipnet else 'bare'})", run.stats)
            runs.append(run)
    return sides[0][1], sides[1][1] if bare is not None else []


def measure_server(
    kipnet: Target,
    scenarios: Sequence[Scenario],
    *,
    plan: Plan,
    directory: Path,
    compare: bool,
    workers: int,
    row: Callable[[Scenario], Row],
) -> list[Row]:
    """Every scenario on one kipnet server, each against a bare app serving its recorded answers."""
    measured, answers = with_revalidations(kipnet.url, scenarios)
    bare_server = BareServer(answers, directory, workers).start() if compare else None
    rows = []
    try:
        bare = Target(bare_server.url, bare_server.pid) if bare_server else None
        for scenario in measured:
            result = row(scenario)
            result.kipnet, result.bare = measure(scenario, kipnet, bare, plan, directory)
            rows.append(result)
            compared = f", bare {per_second(result.bare):.0f} req/s" if result.bare else ""
            print(
                f"bench: {result.label} on {result.database} ×{result.workers}: "
                f"kipnet {per_second(result.kipnet):.1f} req/s{compared}",
                flush=True,
            )
    finally:
        if bare_server is not None:
            bare_server.stop()
    return rows
