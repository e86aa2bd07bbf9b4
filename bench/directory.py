"""Benchmark: latency and throughput of typical directory queries against a real `kipnet serve`.

    .venv/bin/python -m bench.directory [--requests 400] [--concurrency 8] [--database-url URL]

(Run as a module from the project folder: it starts the server with the tests' harness, tests/served.py.)

Starts the server on a free loopback port with a fresh seeded database (SQLite in a temporary
directory unless --database-url is given), sends a bounded number of requests per query, prints
p50/p95/max latency and requests per second, and stops the server.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.served import ServedKipnet, kipnet_command, kipnet_environment

QUERIES = {
    "organisation by slug": '{ organisation(slug: "ald") { name services { edges { node { name languages } } } } }',
    "page of 50, nested": """{ organisations(first: 50) { totalCount edges { node { slug name
        services { totalCount edges { node { name fundingArea { code } } } }
        relationships { totalCount edges { node { kind source { slug } target { slug } } } } } } } }""",
    "search + language": '{ organisations(filter: {search: "beratung", language: "ti"}) { edges { node { slug } } } }',
    "network depth 2": '{ partnerNetwork(root: "sem", depth: 2) { organisations { slug } relationships { kind } } }',
    "path": '{ relationshipPath(from: "laufen", to: "ald") { kind } }',
}


async def measure(url: str, query: str, requests: int, concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    queue = iter(range(requests))

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in queue:
            started = time.perf_counter()
            response = await client.post(url, json={"query": query})
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or "errors" in response.json():
                raise SystemExit(f"bad answer: {response.text[:300]}")

    async with httpx.AsyncClient(timeout=30) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return latencies, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        database_url = args.database_url or f"sqlite://{directory}/bench.sqlite3"
        for command in (["db", "upgrade"], ["seed"]):
            subprocess.run(
                kipnet_command(*command),
                env=kipnet_environment(database_url),
                check=True,
                capture_output=True,
            )
        server = ServedKipnet(database_url, Path(directory) / "server.log").start()
        try:
            url = f"{server.url}/graphql"
            print(f"{args.requests} requests per query, concurrency {args.concurrency}, {database_url[:8]}…")
            print(f"{'query':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8}")
            for name, query in QUERIES.items():
                asyncio.run(measure(url, query, 20, 2))  # warm up caches
                latencies, elapsed = asyncio.run(measure(url, query, args.requests, args.concurrency))
                cuts = statistics.quantiles(latencies, n=20)
                print(
                    f"{name:<22} {statistics.median(latencies) * 1000:8.1f} {cuts[18] * 1000:8.1f} "
                    f"{max(latencies) * 1000:8.1f} {len(latencies) / elapsed:8.0f}"
                )
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
