from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

from grants.text import search_document


async def fill_application_search_text(apps, editor):
    """Give the applications that exist their folded search text (reference and title)."""
    client = editor.client
    marker = "$1" if client.capabilities.dialect == "postgres" else "?"
    other = "$2" if client.capabilities.dialect == "postgres" else "?"
    _, rows = await client.execute_query("SELECT id, reference, title FROM application")
    for row in rows:
        await client.execute_query(
            f"UPDATE application SET search_text = {marker} WHERE id = {other}",
            [search_document([row["reference"], row["title"]]), row["id"]],
        )


class Migration(migrations.Migration):
    dependencies = [('models', '0003_rate_limits')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Application',
            name='search_text',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Organisation',
            name='retired_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.RunPython(fill_application_search_text),
        # At most one report of a project waits for the programme office, and at most one final
        # report is ever accepted: held by the database, so concurrent requests cannot break them.
        ops.RunSQL(
            'CREATE UNIQUE INDEX "uidx_project_report_one_waiting" ON "project_report" ("application_id") '
            "WHERE \"status\" = 'SUBMITTED'",
            reverse_sql='DROP INDEX "uidx_project_report_one_waiting"',
        ),
        ops.RunSQL(
            'CREATE UNIQUE INDEX "uidx_project_report_one_final" ON "project_report" ("application_id") '
            "WHERE \"kind\" = 'FINAL' AND \"status\" = 'ACCEPTED'",
            reverse_sql='DROP INDEX "uidx_project_report_one_final"',
        ),
    ]
