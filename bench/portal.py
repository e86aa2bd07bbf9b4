"""Benchmark: the portal's busiest pages against a real `kipnet serve --demo`.

    .venv/bin/python -m bench.portal [--requests 200] [--concurrency 4] [--database-url URL]

(Run as a module from the project folder: it starts the server with the tests' harness, tests/served.py.)

Serves the demo (fixtures, demo accounts, demo applications) on a free loopback port, signs in as
the demo approver through the sign-in form, then asks each page a bounded number of times and
prints p50/p95/max latency, requests per second and the page's size. A page answering anything but
200 stops the run.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.served import ServedKipnet

#: (name, path, signed in)
PAGES = [
    ("start page", "/", False),
    ("directory", "/directory", False),
    ("directory search", "/directory?q=beratung", False),
    ("organisation ald", "/directory/ald", False),
    ("staff queue", "/staff/applications", True),
]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
DEMO_APPROVER = re.compile(r"APPROVER\s+(\S+)\s+(\S+)")


async def signed_in_cookies(base: str, email: str, password: str) -> httpx.Cookies:
    """The cookies of a browser that signed in through the form."""
    async with httpx.AsyncClient(base_url=base) as browser:
        form = await browser.get("/sign-in")
        token = CSRF.search(form.text)
        if token is None:
            raise SystemExit("the sign-in page has no form")
        answer = await browser.post(
            "/sign-in", data={"csrf_token": token.group(1), "email": email, "password": password}
        )
        if answer.status_code != 303:
            raise SystemExit(f"sign-in refused: {answer.status_code}")
        return browser.cookies


async def measure(
    base: str, path: str, cookies: httpx.Cookies | None, requests: int, concurrency: int
) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    sizes: list[int] = []
    queue = iter(range(requests))

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in queue:
            started = time.perf_counter()
            response = await client.get(path, headers={"accept": "text/html"})
            latencies.append(time.perf_counter() - started)
            sizes.append(len(response.content))
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.text[:300]}")

    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as client:
        began = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return latencies, time.perf_counter() - began, max(sizes)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        database_url = args.database_url or f"sqlite://{directory}/bench.sqlite3"
        log = Path(directory) / "server.log"
        server = ServedKipnet(database_url, log, serve_args=["--demo"]).start()
        try:
            approver = DEMO_APPROVER.search(log.read_text())
            if approver is None:
                raise SystemExit("the demo printed no approver account")
            cookies = asyncio.run(signed_in_cookies(server.url, approver.group(1), approver.group(2)))
            print(f"{args.requests} requests per page, concurrency {args.concurrency}, {database_url[:8]}…")
            print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8} {'KB':>6}")
            for name, path, signed in PAGES:
                jar = cookies if signed else None
                asyncio.run(measure(server.url, path, jar, 10, 2))  # warm up caches
                latencies, elapsed, size = asyncio.run(
                    measure(server.url, path, jar, args.requests, args.concurrency)
                )
                cuts = statistics.quantiles(latencies, n=20)
                print(
                    f"{name:<18} {statistics.median(latencies) * 1000:8.1f} {cuts[18] * 1000:8.1f} "
                    f"{max(latencies) * 1000:8.1f} {len(latencies) / elapsed:8.0f} {size / 1024:6.1f}"
                )
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
