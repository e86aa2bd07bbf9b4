"""A kipnet process for browser tests: the fixtures (the KIP BL network) plus one account per role."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from tortoise import Tortoise

from grants.database import tortoise_config
from grants.models import Role
from tests import factories
from tests.databases import Templates
from tests.factories import PASSWORD
from tests.served import ServedKipnet

#: The organisation the test applicant acts for (one of the fixtures' sample associations).
APPLICANT_ORGANISATION = "deutschcafe-pratteln"
#: Browser tests sign in far more often than a person; the limits themselves are tested elsewhere.
GENEROUS_LOGIN_LIMITS = {
    "KIPNET_LOGIN_LIMIT_PER_ACCOUNT": "1000 per 15 minutes",
    "KIPNET_LOGIN_LIMIT_PER_ADDRESS": "10000 per 15 minutes",
}


@dataclass(frozen=True, slots=True)
class Account:
    """Who a browser test signs in as."""

    role: Role
    email: str
    password: str = PASSWORD


#: One account per role, made in the database before the server starts.
ACCOUNTS = {
    role: Account(role, f"{role.value.lower()}@browser.kipnet.example")
    for role in (Role.APPLICANT, Role.REVIEWER, Role.APPROVER, Role.ADMIN)
}


#: More data a module's tests need, made through the domain before the server starts.
Prepare = Callable[[], Awaitable[None]]


async def _add_accounts(url: str, prepare: Prepare | None) -> None:
    await Tortoise.init(config=tortoise_config(url))
    try:
        for account in ACCOUNTS.values():
            organisation = APPLICANT_ORGANISATION if account.role is Role.APPLICANT else None
            await factories.user(account.role, email=account.email, organisation=organisation)
        if prepare is not None:
            await prepare()
    finally:
        await Tortoise.close_connections()


def serve_portal(
    templates: Templates,
    directory: Path,
    prepare: Prepare | None = None,
    settings: dict[str, str] | None = None,
) -> ServedKipnet:
    """A started `kipnet serve` on a copy of the seeded SQLite template with ACCOUNTS added (and what
    `prepare` makes), with more KIPNET_* `settings` if given."""
    database = directory / "kipnet.sqlite3"
    shutil.copyfile(templates.sqlite_template("seeded"), database)
    url = f"sqlite://{database}"
    asyncio.run(_add_accounts(url, prepare))
    return ServedKipnet(url, directory / "server.log", GENEROUS_LOGIN_LIMITS | (settings or {})).start()
