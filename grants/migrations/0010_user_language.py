from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0009_scale_indexes')]

    initial = False

    operations = [
        # Mails and the portal speak each person's language; existing accounts keep German.
        ops.AddField(
            model_name='User',
            name='language',
            field=fields.CharField(default='de', description="The portal's and the mails' language for this person: de, fr, it or en.", max_length=2),
        ),
    ]
