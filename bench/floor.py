"""The executor's floor: what graphql-core alone costs for each scenario's document.

    KIPNET_DATABASE_URL=sqlite:///tmp/demo.sqlite3 .venv/bin/python -m bench.floor [--rounds 200]

(Run as a module from the project folder, on a database a `kipnet serve --demo` has prepared.)
For each document of the bench's uncached scenarios, it asks kipnet through its schema in-process
(the approver's list as the demo approver), then executes the same document with graphql-core
alone over kipnet's own answer as plain dictionaries, on a schema built from kipnet's SDL with
graphql-core's default resolvers: no Strawberry, no ORM, no SQL, no HTTP. Both run inside the
event loop, as kipnet's requests do, taking turns, and it prints CPU milliseconds per execution,
the number of fields resolved and microseconds per field. A target ratio against the bare app
needs kipnet's whole request to cost at most `bare CPU ÷ ratio`; where the floor alone costs more,
no resolver, loader or query change can meet it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import graphql
from tortoise import Tortoise

from bench.scenarios import APPLICATIONS, DIRECTORY_PAGE, SMALL
from grants.database import tortoise_config
from grants.models import User
from schema import build_schema
from schema.context import Context
from server.settings import Settings

DOCUMENTS = {"directory-gql": DIRECTORY_PAGE, "small-post": SMALL, "applications": APPLICATIONS % ""}
SIGNED_IN = {"applications"}
APPROVER = "approver@demo.kipnet.example"


def counting_resolver(counter: list[int]) -> Callable[..., Any]:
    """graphql-core's default resolver, counting its calls."""

    def resolve(source: Any, info: graphql.GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        counter[0] += 1
        return graphql.default_field_resolver(source, info, **arguments)

    return resolve


def replay(plain: graphql.GraphQLSchema, document: graphql.DocumentNode, answer: Any) -> tuple[Any, int]:
    """graphql-core's own answer to `document` over kipnet's `answer`, and how many fields it resolved."""
    counter = [0]
    result = graphql.execute(plain, document, root_value=answer, field_resolver=counting_resolver(counter))
    if isinstance(result, Awaitable) or result.errors:
        raise SystemExit(f"graphql-core could not replay the answer: {result}")
    return result.data, counter[0]


async def cpu_ms(run: Callable[[], Awaitable[object]], rounds: int) -> float:
    """Median CPU milliseconds of `rounds` runs (process time: SQLite's thread counts too)."""
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        await run()
        timings.append((time.process_time() - started) * 1000)
    return statistics.median(timings)


async def measure(rounds: int) -> list[dict[str, Any]]:
    """Kipnet's and the bare executor's CPU per document, and the fields each resolved."""
    schema = build_schema()
    plain = graphql.build_schema(schema.as_str())
    approver = await User.get(email=APPROVER)
    rows = []
    for name, document in DOCUMENTS.items():
        actor = approver if name in SIGNED_IN else None

        async def through_kipnet(document: str = document, actor: User | None = actor) -> Any:
            context = Context(actor=actor, languages=(), secret="bench-" + "x" * 40)
            result = await schema.execute(document, context_value=context)
            if result.errors:
                raise SystemExit(f"{document}: {result.errors}")
            return result.data

        answer = await through_kipnet()
        parsed = graphql.parse(document)
        _, fields = replay(plain, parsed, answer)

        async def through_executor(parsed: graphql.DocumentNode = parsed, answer: Any = answer) -> Any:
            result = graphql.execute(plain, parsed, root_value=answer)
            if isinstance(result, Awaitable) or result.errors or result.data != answer:
                raise SystemExit(f"graphql-core answered otherwise: {result}")
            return result.data

        kipnet_ms, floor_ms = [], []
        for _ in range(5):  # alternate, so that a busy moment of the machine hits both alike
            kipnet_ms.append(await cpu_ms(through_kipnet, rounds // 5))
            floor_ms.append(await cpu_ms(through_executor, rounds // 5))
        rows.append(
            {
                "scenario": name,
                "fields": fields,
                "kipnet": statistics.median(kipnet_ms),
                "floor": statistics.median(floor_ms),
            }
        )
    return rows


async def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--bare-ms", type=float, default=0.065, help="the bare app's CPU ms per request")
    args = parser.parse_args(argv)
    await Tortoise.init(config=tortoise_config(Settings.from_environ().database_url))
    try:
        rows = await measure(args.rounds)
    finally:
        await Tortoise.close_connections()
    print(
        f"{'scenario':<15} {'fields':>6} {'kipnet ms':>10} {'floor ms':>9} {'µs/field':>9} {'ratio ceiling':>14}"
    )
    for row in rows:
        print(
            f"{row['scenario']:<15} {row['fields']:6d} {row['kipnet']:10.2f} {row['floor']:9.2f}"
            f" {row['floor'] * 1000 / row['fields']:9.1f} {args.bare_ms / row['floor']:14.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
