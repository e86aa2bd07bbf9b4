"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, the app, an HTTP client."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import Tortoise

from grants import accounts
from grants.database import DEFAULT_DATABASE_URL, tortoise_config
from server.app import create_app
from server.settings import Settings
from tests.databases import (
    POSTGRES_REQUIRED,
    Level,
    Templates,
    clone,
    drop,
    forget_cached_sql,
    postgres_unavailable_reason,
)
from tests.served import ServedKipnet

BACKENDS = ("sqlite", "postgres")


class RememberingHasher:
    """kipnet's Argon2 hasher, remembering its answers within one test process.

    Tests make and sign in accounts with the same few passwords thousands of times, and one real
    Argon2id run costs about 0.16 s of CPU here. A hash made once is a valid hash for every account
    with that password, and verifying the same (hash, password) pair always gives the same answer,
    so remembering both changes no outcome, only the time. The parameters stay kipnet's own.
    """

    def __init__(self, real: PasswordHasher) -> None:
        self._real = real
        self._hashes: dict[str | bytes, str] = {}
        self._verified: dict[tuple[str | bytes, str | bytes], type[Exception] | None] = {}

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        if salt is not None:
            return self._real.hash(password, salt=salt)
        if password not in self._hashes:
            self._hashes[password] = self._real.hash(password)
        return self._hashes[password]

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        key = (hash, password)
        if key not in self._verified:
            try:
                self._real.verify(hash, password)
                self._verified[key] = None
            except (VerificationError, InvalidHashError) as refused:
                self._verified[key] = type(refused)
        refusal = self._verified[key]
        if refusal is not None:
            raise refusal("remembered refusal")
        return True

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


@pytest.fixture(scope="session", autouse=True)
def remembering_hasher() -> Iterator[None]:
    real = accounts._hasher
    accounts._hasher = RememberingHasher(real)  # type: ignore[assignment]
    yield
    accounts._hasher = real


@pytest.fixture(scope="session", autouse=True)
def documents_outside_the_working_tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Apps built from a bare `Settings()` (its default `kipnet.sqlite3` unused: the test's database is
    open) would keep documents in ./kipnet-documents, inside the working tree; they go to a folder of
    the test session instead. Settings with a database or storage URL of their own are left alone."""
    folder = tmp_path_factory.mktemp("kipnet-documents")
    default = Settings.storage_location

    def location(settings: Settings) -> str:
        if settings.storage_url is None and settings.database_url == DEFAULT_DATABASE_URL:
            return folder.as_uri() + "/"
        return str(default.fget(settings))  # type: ignore[attr-defined]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Settings, "storage_location", property(location))
        yield


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    made.drop_all()


@pytest.fixture(scope="session")
def postgres_problem() -> str | None:
    return postgres_unavailable_reason()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, postgres_problem: str | None, templates: Templates) -> str:
    if request.param == "postgres" and postgres_problem:
        if POSTGRES_REQUIRED:
            pytest.fail(f"KIPNET_TEST_REQUIRE_POSTGRES=1 but {postgres_problem}")
        pytest.skip(postgres_problem)
    return str(request.param)


def _template(templates: Templates, backend: str, level: Level) -> Templates:
    # Built here, outside the test's event loop, because building runs a loop of its own.
    if backend == "postgres":
        templates.postgres_template(level)
    else:
        templates.sqlite_template(level)
    return templates


@pytest.fixture
def empty_template(templates: Templates, backend: str) -> Templates:
    return _template(templates, backend, "empty")


@pytest.fixture
def seeded_template(templates: Templates, backend: str) -> Templates:
    return _template(templates, backend, "seeded")


async def _database(templates: Templates, backend: str, level: Level, directory: Path) -> AsyncIterator[str]:
    url, dropped = await clone(templates, backend, level, directory)
    forget_cached_sql()
    # The global fallback lets requests served through ASGITransport see this test's connections.
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        yield backend
    finally:
        await Tortoise.close_connections()
        if dropped:
            await drop(dropped)


@pytest.fixture
async def db(empty_template: Templates, backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """An empty, migrated database for this test; yields the backend name."""
    async for name in _database(empty_template, backend, "empty", tmp_path):
        yield name


@pytest.fixture
async def seeded_db(seeded_template: Templates, backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated database holding the fixtures (the KIP BL network); yields the backend name."""
    async for name in _database(seeded_template, backend, "seeded", tmp_path):
        yield name


@pytest.fixture
def history_template(templates: Templates, backend: str) -> Templates:
    return _template(templates, backend, "history")


@pytest.fixture
async def history_db(history_template: Templates, backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """The fixtures with KIP 1's 160 closed measures; yields the backend name."""
    async for name in _database(history_template, backend, "history", tmp_path):
        yield name


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the real app (the database comes from the db fixture in use)."""
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://kipnet.test") as http:
        yield http


class StatementCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends to the database."""

    VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = str(record.args[0]) if isinstance(record.args, tuple) and record.args else str(record.msg)
        if text.lstrip().upper().startswith(self.VERBS):
            self.statements.append(text)


@pytest.fixture
def sql_statements() -> Iterator[StatementCounter]:
    """Every SQL statement issued while the test runs, in order."""
    logger = logging.getLogger("tortoise.db_client")
    counter = StatementCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)


def _url_for_a_process(templates: Templates, backend: str, level: Level, directory: Path) -> Iterator[str]:
    url, dropped = asyncio.run(clone(templates, backend, level, directory))
    yield url
    if dropped:
        asyncio.run(drop(dropped))


@pytest.fixture
def database_url(empty_template: Templates, backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database for a separate server process (this test opens no connection)."""
    yield from _url_for_a_process(empty_template, backend, "empty", tmp_path)


@pytest.fixture
def seeded_database_url(seeded_template: Templates, backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated database holding the fixtures, for a separate server process."""
    yield from _url_for_a_process(seeded_template, backend, "seeded", tmp_path)


@pytest.fixture
def served(database_url: str, tmp_path: Path) -> Iterator[ServedKipnet]:
    """A running `kipnet serve` on `database_url`; stopped after the test."""
    server = ServedKipnet(database_url, tmp_path / "server.log").start()
    try:
        yield server
    finally:
        server.stop()
