"""Benchmark: latency and throughput of typical directory queries against a real `kipnet serve`.

    .venv/bin/python bench/directory.py [--requests 400] [--concurrency 8] [--database-url URL]

Starts the server on a free loopback port with a fresh seeded database (SQLite in a temporary
directory unless --database-url is given), sends a bounded number of requests per query, prints
p50/p95/max latency and requests per second, and stops the server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

KIPNET = str(Path(sys.executable).with_name("kipnet"))
QUERIES = {
    "organisation by slug": '{ organisation(slug: "ald") { name services { edges { node { name languages } } } } }',
    "page of 50, nested": """{ organisations(first: 50) { totalCount edges { node { slug name
        services { totalCount edges { node { name fundingArea { code } } } }
        relationships { totalCount edges { node { kind source { slug } target { slug } } } } } } } }""",
    "search + language": '{ organisations(filter: {search: "beratung", language: "ti"}) { edges { node { slug } } } }',
    "network depth 2": '{ partnerNetwork(root: "sem", depth: 2) { organisations { slug } relationships { kind } } }',
    "path": '{ relationshipPath(from: "laufen", to: "ald") { kind } }',
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIPNET_")}
        env["KIPNET_DATABASE_URL"] = args.database_url or f"sqlite://{directory}/bench.sqlite3"
        for command in (["db", "upgrade"], ["seed"]):
            subprocess.run([KIPNET, *command], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [KIPNET, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise SystemExit("server did not start") from None
                    time.sleep(0.2)
            url = f"http://127.0.0.1:{port}/graphql"
            print(
                f"{args.requests} requests per query, concurrency {args.concurrency}, {env['KIPNET_DATABASE_URL'][:8]}…"
            )
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
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
