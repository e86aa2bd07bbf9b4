"""Migrations: they describe the models exactly, and applying them twice changes nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from grants.database import APP_LABEL, tortoise_config, upgrade
from grants.models import Application
from grants.search import matching
from tests.databases import admin_sql, forget_cached_sql
from tests.databases import database_url as postgres_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "grants" / "migrations"


async def test_the_models_need_no_migration_that_is_not_written(db):
    # given: the test database was built by the migrations
    apps_config = tortoise_config("sqlite://:memory:")["apps"]
    # when
    detector = MigrationAutodetector(Tortoise.apps, apps_config)
    pending = await detector.changes()
    # then
    assert [writer.name for writer in pending] == []


async def test_upgrading_twice_is_harmless_and_records_every_migration_once(tmp_path: Path):
    url = f"sqlite://{tmp_path / 'twice.sqlite3'}"
    await upgrade(url)
    await upgrade(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        _, rows = await Tortoise.get_connection("default").execute_query(
            "SELECT app, name FROM tortoise_migrations ORDER BY id"
        )
    finally:
        await Tortoise.close_connections()
    written = sorted(path.stem for path in MIGRATIONS.glob("[0-9]*.py"))
    assert written[:2] == ["0001_initial", "0002_grants"]
    assert [(row["app"], row["name"]) for row in rows] == [(APP_LABEL, name) for name in written]


def test_no_table_comment_holds_a_semicolon():
    # Tortoise turns a model's docstring into the table comment and splits migration SQL at ";".
    import grants.models as models

    described = {
        name: model._meta.table_description
        for name in models.__all__
        if hasattr(model := getattr(models, name), "_meta")
    }
    assert [name for name, text in described.items() if ";" in (text or "")] == []


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_role_that_may_not_create_extensions_migrates_and_searches_unindexed(backend):
    # given: a database whose role may create tables but not extensions (no CREATE on the database)
    suffix = uuid.uuid4().hex[:10]
    name, role = f"kipnet_plain_{suffix}", f"kipnet_plain_{suffix}"
    await admin_sql(f'CREATE ROLE "{role}" LOGIN')
    await admin_sql(f'CREATE DATABASE "{name}"')
    try:
        owner = await asyncpg.connect(postgres_database(name).replace("postgres://", "postgresql://", 1))
        try:
            await owner.execute(f'GRANT CREATE ON SCHEMA public TO "{role}"')
            installed = await owner.fetchval("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        finally:
            await owner.close()
        url = postgres_database(name).replace("postgres://postgres@", f"postgres://{role}@", 1)
        forget_cached_sql()
        # when
        await upgrade(url)
        await Tortoise.init(config=tortoise_config(url))
        try:
            found = await matching(Application.all(), "Begegnung").count()
            _, indexes = await Tortoise.get_connection("default").execute_query(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search_trgm'"
            )
        finally:
            await Tortoise.close_connections()
        # then: every migration ran, search answers, only without the trigram index
        assert (installed, found, indexes) == (0, 0, [])
    finally:
        await admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin_sql(f'DROP ROLE IF EXISTS "{role}"')
