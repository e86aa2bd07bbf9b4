from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0017_bank_accounts')]

    initial = False

    operations = [
        # Decision letters are written in the organisation's language; existing organisations keep German.
        ops.AddField(
            model_name='Organisation',
            name='correspondence_language',
            field=fields.CharField(default='de', description='The language of letters to it: de, fr, it or en.', max_length=2),
        ),
    ]
