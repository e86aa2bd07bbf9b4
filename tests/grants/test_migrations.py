"""Migrations: they describe the models exactly, and applying them twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from grants.database import APP_LABEL, tortoise_config, upgrade

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
