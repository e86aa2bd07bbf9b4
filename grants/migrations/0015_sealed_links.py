from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0014_account_tokens')]

    initial = False

    operations = [
        # Invitation and reset mails keep their link's token sealed apart from the bodies, until sent.
        ops.AddField(
            model_name='OutboxMessage',
            name='sealed_token',
            field=fields.TextField(null=True, description='The link token of an invitation or reset mail, sealed under the app secret until it is sent.'),
        ),
    ]
