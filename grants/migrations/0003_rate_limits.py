from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_grants')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RateLimitCounter',
            fields=[
                ('key', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=255)),
                ('hits', fields.IntField()),
                ('expires_at', fields.FloatField(description='Unix time at which the window ends')),
            ],
            options={'table': 'rate_limit_counter', 'app': 'models', 'pk_attr': 'key', 'table_description': 'A fixed-window hit counter of the rate limiter, shared by every worker through the database.'},
            bases=['Model'],
        ),
    ]
