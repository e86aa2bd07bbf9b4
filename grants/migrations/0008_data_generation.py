from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# PostgreSQL only: on SQLite the generation is the file's `PRAGMA data_version` (grants/freshness.py),
# and a trigger's write would count in the rows an UPDATE reports changed there.

#: The tables public answers are read from when this migration was written. A later table gets its
#: trigger in its own migration (tests/grants/test_freshness.py checks that every table has one).
WATCHED = (
    "organisation", "service", "relationship", "municipality_profile",
    "programme", "funding_area", "indicator", "programme_funding_area",
    "funding_call", "review_criterion", "call_funding_area",
    "application", "budget_line", "application_municipality",
    "award", "payment_tranche", "project_report",
)

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION kipnet_next_generation() RETURNS trigger AS $$
BEGIN
    -- once per transaction, at its commit (the triggers are deferred): the row stays locked briefly
    IF current_setting('kipnet.generation_moved', true) IS DISTINCT FROM 'yes' THEN
        UPDATE data_generation SET value = value + 1 WHERE id = 1;
        PERFORM set_config('kipnet.generation_moved', 'yes', true);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def trigger_statement(table: str) -> str:
    """The trigger that makes every committed write to `table` move the data generation on."""
    return (
        f'CREATE CONSTRAINT TRIGGER "kipnet_generation_{table}" AFTER INSERT OR UPDATE OR DELETE '
        f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kipnet_next_generation()'
    )


async def watch_public_tables(apps, editor):
    """The first generation row, and on PostgreSQL triggers on every table public answers are read from."""
    client = editor.client
    await client.execute_query("INSERT INTO data_generation (id, value) VALUES (1, 0)")
    if client.capabilities.dialect != "postgres":
        return
    await client.execute_query(POSTGRES_FUNCTION)
    for table in WATCHED:
        await client.execute_query(trigger_statement(table))


class Migration(migrations.Migration):
    dependencies = [('models', '0007_organisation_logo')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DataGeneration',
            fields=[
                ('id', fields.IntField(primary_key=True, unique=True, db_index=True)),
                ('value', fields.BigIntField(default=0)),
            ],
            options={'table': 'data_generation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A single row counting committed writes to the tables public answers are made of.'},
            bases=['Model'],
        ),
        ops.RunPython(watch_public_tables),
    ]
