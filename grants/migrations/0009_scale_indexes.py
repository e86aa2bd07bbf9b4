"""Indexes for every filter and order of the application lists, and word search that scales.

Plain indexes are the same SQL on both backends. Search differs (see grants/search.py): SQLite
gets FTS5 trigram tables kept in step by triggers (their bodies hold semicolons, which RunSQL
would split, hence RunPython); PostgreSQL gets pg_trgm GIN indexes when the extension can be
had — where it cannot (not installed, or not allowed to this role) search still works, unindexed.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

#: (name, table, columns): the lists' filters with their default orders, and child rows by parent.
INDEXES = (
    ("idx_application_submitted", "application", '"submitted_at", "id"'),
    ("idx_application_status", "application", '"status", "submitted_at", "id"'),
    ("idx_application_status_id", "application", '"status", "id"'),
    ("idx_application_call", "application", '"call_id", "submitted_at", "id"'),
    ("idx_application_applicant", "application", '"applicant_id", "id"'),
    ("idx_application_area", "application", '"funding_area_id", "submitted_at", "id"'),
    ("idx_application_event_application", "application_event", '"application_id", "id"'),
    ("idx_budget_line_application", "budget_line", '"application_id", "position"'),
    ("idx_payment_tranche_award", "payment_tranche", '"award_id", "position"'),
    ("idx_project_report_application", "project_report", '"application_id", "id"'),
    ("idx_internal_note_application", "internal_note", '"application_id", "id"'),
    ("idx_organisation_retired_name", "organisation", '"retired_at", "sort_name", "id"'),
)
SEARCHED = ("application", "organisation")


def _sqlite_search(table):
    index = f"{table}_search"
    insert = f"INSERT INTO {index}(rowid, search_text) VALUES (new.id, new.search_text)"
    delete = f"INSERT INTO {index}({index}, rowid, search_text) VALUES ('delete', old.id, old.search_text)"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5("
        f"search_text, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {insert}; END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {delete}; END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search_text ON {table} BEGIN {delete}; {insert}; END",
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


async def _trigram_possible(client):
    _, rows = await client.execute_query(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') AS installed, "
        "EXISTS (SELECT 1 FROM pg_available_extension_versions WHERE name = 'pg_trgm' AND (trusted OR "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user))) "
        "AND has_database_privilege(current_database(), 'CREATE') AS creatable"
    )
    return rows[0]["installed"] or rows[0]["creatable"]


async def create(apps, editor):
    """The indexes, and each backend's search index."""
    client = editor.client
    for name, table, columns in INDEXES:
        await client.execute_query(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')
    if client.capabilities.dialect == "sqlite":
        for table in SEARCHED:
            for statement in _sqlite_search(table):
                await client.execute_query(statement)
    elif await _trigram_possible(client):
        await client.execute_query("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in SEARCHED:
            await client.execute_query(
                f'CREATE INDEX IF NOT EXISTS "idx_{table}_search_trgm" ON "{table}" '
                'USING gin ("search_text" gin_trgm_ops)'
            )
    # Statistics for the planner (PostgreSQL's autovacuum keeps them later; SQLite has none
    # unless asked): with them, a filter on several statuses walks the submission index instead
    # of sorting every match.
    await client.execute_query("ANALYZE")


async def drop(apps, editor):
    """Back to 0007: no indexes of this migration, no search tables (the extension and statistics stay)."""
    client = editor.client
    for name, _, _ in INDEXES:
        await client.execute_query(f'DROP INDEX IF EXISTS "{name}"')
    for table in SEARCHED:
        if client.capabilities.dialect == "sqlite":
            for trigger in ("insert", "delete", "update"):
                await client.execute_query(f"DROP TRIGGER IF EXISTS {table}_search_{trigger}")
            await client.execute_query(f"DROP TABLE IF EXISTS {table}_search")
        else:
            await client.execute_query(f'DROP INDEX IF EXISTS "idx_{table}_search_trgm"')


class Migration(migrations.Migration):
    # Written beside the lead's 0008; re-chained to it when both are merged.
    dependencies = [('models', '0008_data_generation')]

    initial = False

    operations = [
        ops.RunPython(create, drop),
    ]
