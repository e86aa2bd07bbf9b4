"""Benchmark: what one `createApplication` through the HTTP app costs (CPU, SQL statements, profile).

    .venv/bin/python -m bench.writes prepare DATABASE_URL     # migrate, seed, a call, an applicant
    .venv/bin/python -m bench.writes cpu DATABASE_URL [-n 300] [--profile out.pstats]
    .venv/bin/python -m bench.writes body DATABASE_URL  # the request's JSON, then the bearer token

`cpu` runs the requests in-process through the whole ASGI app (middleware, Strawberry, the domain,
the driver) over httpx's ASGI transport, one at a time, and prints the CPU time per request
(process time, so a busy shared machine inflates it far less than wall-clock time) and the
number of SQL statements one create issues. `prepare` writes the applicant's token and the call's
id to `bench-writes.json` in the working directory; `body` prints what a load generator (wrk)
needs to send the same request over HTTP. Run it from the directory holding bench/ (or with it
on PYTHONPATH). For instruction counts that a busy machine does not disturb, run `cpu` under
`valgrind --tool=callgrind` with two values of -n and divide the difference by theirs.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import statistics
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise

from fixtures.loader import seed
from grants import accounts
from grants.calls import create_call
from grants.database import tortoise_config, upgrade
from grants.models import Role
from schema.base.node import to_global_id
from server.app import create_app
from server.settings import Settings

STATE = Path("bench-writes.json")
SECRET = "bench-writes-" + "s" * 40
CREATE = """
mutation ($input: CreateApplicationInput!) {
  createApplication(input: $input) { application { id reference status version } errors { field code message } }
}
"""


def create_body(call_id: str) -> dict[str, Any]:
    """A complete createApplication request: two budget lines, two municipalities, a target."""
    return {
        "query": CREATE,
        "variables": {
            "input": {
                "call": call_id,
                "title": "Deutsch im Quartier",
                "summary": "Niederschwellige Deutschkurse für Eltern",
                "fundingArea": "KIP3_LANGUAGE",
                "projectStart": "2026-08-01",
                "projectEnd": "2027-07-31",
                "budgetLines": [
                    {"category": "PERSONNEL", "description": "Kursleitung", "amount": {"amount": "30000.00"}},
                    {"category": "PREMISES", "description": "Raummiete", "amount": {"amount": "12000.00"}},
                ],
                "ownContribution": {"amount": "5000.00"},
                "thirdPartyFunding": {"amount": "2000.00"},
                "requestedAmount": {"amount": "35000.00"},
                "municipalities": ["pratteln", "liestal"],
                "languages": ["de", "ti"],
                "targets": [{"indicator": "PARTICIPANTS", "value": 60}],
            }
        },
    }


async def prepare(url: str) -> dict[str, str]:
    """Migrate and seed `url`, open a call, and log an applicant in (token kept in STATE)."""
    await upgrade(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await seed()
        admin = await accounts.create_user(
            email="bench-admin@example.org", password="bench passphrase long", role=Role.ADMIN
        )
        now = datetime.now(UTC)
        funding_call = await create_call(
            actor=admin,
            values={
                "programme": "KIP3",
                "title": "Deutsch im Alltag",
                "funding_areas": ["KIP3_LANGUAGE"],
                "opens_at": now - timedelta(days=1),
                "closes_at": now + timedelta(days=60),
                "budget": (Decimal("1000000.00"), "CHF"),
                "max_amount_per_application": None,
                "min_reviews": 1,
                "criteria": [{"code": "RELEVANCE", "name": "Relevanz", "weight": 1.0}],
            },
            now=now,
        )
        lead = await accounts.create_user(
            email="bench-lead@example.org",
            password="bench passphrase long",
            role=Role.APPLICANT,
            organisation_slug="pratteln",
        )
        token = await accounts.issue_token(user=lead, secret=SECRET, lifetime=timedelta(days=30), now=now)
    finally:
        await Tortoise.close_connections()
    return {"token": token, "call": to_global_id("FundingCall", funding_call.id)}


class Statements(logging.Handler):
    """Counts the SQL statements (and transaction commands) Tortoise logs."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = str(record.args[0]) if isinstance(record.args, tuple) and record.args else str(record.msg)
        self.texts.append(text)


async def cpu(url: str, state: dict[str, str], requests: int, profile: str | None) -> None:
    """Run `requests` creates in-process; print CPU per create and the statements of one."""
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    app = create_app(Settings(secret_key=SECRET, database_url=url), manage_database=False)
    body = create_body(state["call"])
    headers = {"Authorization": f"Bearer {state['token']}"}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://b") as http:

            async def one() -> None:
                answer = (await http.post("/graphql", json=body, headers=headers)).json()
                if answer["data"]["createApplication"]["errors"] or "errors" in answer:
                    raise SystemExit(f"refused: {answer}")

            for _ in range(20):  # warm up: caches, prepared statements, lazy imports
                await one()
            counter = Statements()
            logger = logging.getLogger("tortoise.db_client")
            level = logger.level
            logger.setLevel(logging.DEBUG)
            logger.addHandler(counter)
            await one()
            logger.removeHandler(counter)
            logger.setLevel(level)
            profiler = cProfile.Profile() if profile else None
            rounds: list[float] = []
            for _ in range(5):
                started, wall = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                for _ in range(requests // 5):
                    await one()
                if profiler:
                    profiler.disable()
                rounds.append((time.process_time() - started) / (requests // 5))
                elapsed = (time.perf_counter() - wall) / (requests // 5)
                print(f"  round: {rounds[-1] * 1000:.2f} ms CPU, {elapsed * 1000:.2f} ms wall per create")
            if profiler and profile:
                profiler.dump_stats(profile)
    finally:
        await Tortoise.close_connections()
    print(f"SQL statements of one create: {len(counter.texts)}")
    for text in counter.texts:
        print("   ", " ".join(text.split())[:160])
    print(f"CPU per create: median {statistics.median(rounds) * 1000:.2f} ms over 5 rounds")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["prepare", "cpu", "body"])
    parser.add_argument("database_url")
    parser.add_argument("-n", "--requests", type=int, default=300)
    parser.add_argument("--profile")
    arguments = parser.parse_args()
    if arguments.command == "prepare":
        STATE.write_text(json.dumps(asyncio.run(prepare(arguments.database_url))))
        return
    state = json.loads(STATE.read_text())
    if arguments.command == "cpu":
        asyncio.run(cpu(arguments.database_url, state, arguments.requests, arguments.profile))
    else:
        print(json.dumps(create_body(state["call"])))
        print(state["token"])


if __name__ == "__main__":
    main()
