"""Add N realistic applications to the database of KIPNET_DATABASE_URL, for scale measurements.

    KIPNET_DATABASE_URL=sqlite:///tmp/big.sqlite3 .venv/bin/kipnet db upgrade
    KIPNET_DATABASE_URL=sqlite:///tmp/big.sqlite3 .venv/bin/kipnet seed
    KIPNET_DATABASE_URL=sqlite:///tmp/big.sqlite3 .venv/bin/python -m bench.generate --applications 100000

(Run as a module from the project folder.) The database must be migrated and seeded; the command
refuses otherwise. It adds staff accounts, NGOs with applicant accounts and calls from 2018 until
now through the domain, then the applications in batches of bulk inserts, each batch in one
transaction: drafts, submitted, in review, sent back for changes, resubmitted, approved (awards
within the call's budget, tranches, some paid, final reports), rejected, withdrawn and closed,
with the events, reviews and audit records the domain would have written (bench/generator/).
References come from the same counters as the domain's (grants.sequences), awards are taken from
the call's budget by the domain's ledger (grants.calls.commit_award). No mail is queued: the
generated history did not happen. Running it again adds N more.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

from tortoise import Tortoise, connections
from tortoise.transactions import in_transaction

from bench.generator.lifecycle import CallInfo, Ledger, People, Rows
from bench.generator.story import application_rows
from bench.generator.world import World, build_world
from bench.generator.writer import NUMBERED, insert, take_ids
from grants.calls import commit_award
from grants.database import pending_migrations, tortoise_config
from grants.models import FundingArea, FundingCall, Organisation, OrganisationKind, Programme
from grants.sequences import next_values
from server.settings import Settings

BATCH = 1000
#: Insert order: a row's table comes after the tables it points to.
TABLES = (
    "application",
    "budget_line",
    "application_municipality",
    "review",
    "award",
    "payment_tranche",
    "project_report",
    "application_event",
    "audit_record",
)
#: Most rows of a numbered table one application can have.
PER_APPLICATION = {"application": 1, "review": 4, "award": 1, "payment_tranche": 4, "project_report": 1}


class NotReady(Exception):
    """The database is not migrated or not seeded."""


async def check_ready() -> None:
    """Refuse a database that is behind the code's migrations or holds no fixtures."""
    pending = await pending_migrations()
    if pending:
        raise NotReady(f"the database lacks migrations {', '.join(pending)}: run `kipnet db upgrade` first")
    seeded = (
        await Programme.exists()
        and await FundingArea.exists()
        and await Organisation.filter(kind=OrganisationKind.MUNICIPALITY).exists()
    )
    if not seeded:
        raise NotReady("the database holds no programmes or municipalities: run `kipnet seed` first")


def _created(rng: random.Random, call: CallInfo, now: datetime) -> datetime:
    window_end = min(call.closes_at, now)
    return call.opens_at + (window_end - call.opens_at) * rng.uniform(0.02, 0.6)


async def _batch(rng: random.Random, world: World, ledger: Ledger, count: int, now: datetime) -> Counter[str]:
    """Plan and write `count` applications in one transaction; their statuses."""
    plans = []
    for _ in range(count):
        call = rng.choice(world.calls)
        plans.append((call, rng.choice(world.applicants), _created(rng, call, now)))
    statuses: Counter[str] = Counter()
    async with in_transaction() as connection:
        years = Counter(created.year for _, _, created in plans)
        numbers = {year: iter(await next_values(f"application-{year}", n)) for year, n in years.items()}
        ids: dict[str, Iterator[int]] = {
            table: await take_ids(connection, table, count * PER_APPLICATION[table]) for table in NUMBERED
        }
        rows: Rows = {table: [] for table in TABLES}
        before = dict(ledger.remaining)
        for call, (organisation, user), created in plans:
            people = People(
                applicant_org=organisation,
                applicant_user=user,
                reviewers=world.reviewers,
                approvers=world.approvers,
                places=world.places,
                indicators=world.indicators,
            )
            reference = f"KIP-{created.year}-{next(numbers[created.year]):04d}"
            statuses[
                application_rows(
                    rng,
                    call=call,
                    people=people,
                    ledger=ledger,
                    reference=reference,
                    app_id=next(ids["application"]),
                    ids=ids,
                    rows=rows,
                    now=now,
                    created=created,
                )
            ] += 1
        for call_id, left in ledger.remaining.items():
            awarded = before[call_id] - left
            if awarded and not await commit_award(call_id=call_id, amount=awarded):
                raise RuntimeError(f"call {call_id}: the awards would over-commit its budget")
        for table in TABLES:
            await insert(connection, table, rows[table])
    return statuses


async def generate(count: int, seed: int, now: datetime, *, quiet: bool = False) -> Counter[str]:
    """Add `count` applications to the open database; how many ended in each status."""
    await check_ready()
    rng = random.Random(seed)
    world = await build_world(count, now)
    calls = await FundingCall.filter(id__in=[call.id for call in world.calls])
    ledger = Ledger({call.id: Decimal(call.budget_cents - call.committed_cents) / 100 for call in calls})
    statuses: Counter[str] = Counter()
    started = time.monotonic()
    for done in range(0, count, BATCH):
        statuses += await _batch(rng, world, ledger, min(BATCH, count - done), now)
        if not quiet:
            rate = (done + BATCH) / (time.monotonic() - started)
            print(f"\r{min(done + BATCH, count)} of {count} ({rate:.0f}/s)", end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    # After a bulk load the planner's statistics are stale or missing (SQLite keeps none unless
    # asked): without them a filter on several statuses sorts every match instead of walking
    # the submission index. PostgreSQL counts from an index only once VACUUM marked the pages.
    client = connections.get("default")
    await client.execute_query("VACUUM ANALYZE" if client.capabilities.dialect == "postgres" else "ANALYZE")
    return statuses


async def main(argv: list[str] | None = None) -> int:
    """The command line: generate, then print what was added."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    settings = Settings.from_environ()
    await Tortoise.init(config=tortoise_config(settings.database_url))
    started = time.monotonic()
    try:
        statuses = await generate(args.applications, args.seed, datetime.now(UTC))
    except NotReady as refusal:
        print(f"bench.generate: {refusal}", file=sys.stderr)
        return 2
    finally:
        await Tortoise.close_connections()
    print(f"added {sum(statuses.values())} applications in {time.monotonic() - started:.1f} s:")
    for status, number in sorted(statuses.items()):
        print(f"  {status:<18} {number}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
