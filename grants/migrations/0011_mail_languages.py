from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0010_user_language')]

    initial = False

    operations = [
        # Mails are written in their recipient's language, as text and HTML; older rows stay German text.
        ops.AddField(
            model_name='OutboxMessage',
            name='html_body',
            field=fields.TextField(null=True, description='The same mail as HTML: sent with the text as multipart/alternative (older rows have none).'),
        ),
        ops.AddField(
            model_name='OutboxMessage',
            name='language',
            field=fields.CharField(default='de', description="The language the mail is written in (its recipient's), sent as Content-Language.", max_length=2),
        ),
    ]
