from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.fields.base import OnDelete


class Migration(migrations.Migration):
    dependencies = [('models', '0005_seed_records')]

    initial = False

    operations = [
        # The office that runs a phase: the portal shows the canton's name and address from it.
        ops.AddField(
            model_name='Programme',
            name='owner',
            field=fields.ForeignKeyField('models.Organisation', source_field='owner_id', null=True, db_constraint=True, to_field='id', related_name='owned_programmes', on_delete=OnDelete.SET_NULL, description='The office that runs the phase, null if not recorded.'),
        ),
    ]
