"""Benchmark: does a refused login take as long for an unknown e-mail as for a wrong password?

    .venv/bin/python bench/login_timing.py [--rounds 40]

In-process against a fresh migrated SQLite database in a temporary directory: alternates wrong
passwords for an existing account and logins for unknown addresses (each from its own client
address and e-mail, so throttling never answers first), and prints the median and spread of each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from tortoise import Tortoise

from grants import accounts
from grants.database import tortoise_config, upgrade
from grants.errors import DomainError
from grants.models import Role
from grants.throttle import LoginLimits

SECRET = "bench-secret-" + "b" * 32
LIMITS = LoginLimits(per_account="1000 per minute", per_address="1000 per minute")


async def refused(email: str, address: str) -> float:
    """Seconds one refused login took."""
    started = time.perf_counter()
    try:
        await accounts.login(
            email=email, password="not the password", secret=SECRET, address=address, limits=LIMITS
        )
    except DomainError:
        return time.perf_counter() - started
    raise AssertionError("the login was not refused")


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite://{Path(directory) / 'bench.sqlite3'}"
        await upgrade(url)
        await Tortoise.init(config=tortoise_config(url))
        try:
            await accounts.create_user(
                email="known@example.org", password="the right passphrase", role=Role.ADMIN
            )
            known, unknown = [], []
            for number in range(rounds):
                known.append(await refused("known@example.org", f"10.0.{number}.1"))
                unknown.append(await refused(f"nobody{number}@example.org", f"10.1.{number}.1"))
        finally:
            await Tortoise.close_connections()
    for label, times in (("wrong password", known), ("unknown e-mail", unknown)):
        ms = sorted(t * 1000 for t in times)
        print(
            f"{label:<15} median {statistics.median(ms):6.1f} ms  p10 {ms[len(ms) // 10]:6.1f}  p90 {ms[len(ms) * 9 // 10]:6.1f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    asyncio.run(main(parser.parse_args().rounds))
