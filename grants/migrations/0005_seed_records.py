from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_invariants')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SeedRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(description='"organisation", "service" or "relationship"', max_length=32)),
                ('key', fields.CharField(description='The fixture\'s key: a slug, or "source>KIND>target" for a relationship (fixture slugs).', max_length=255)),
                ('record_id', fields.IntField(description="The row's primary key (no foreign key: a deleted row must not take its memory along).")),
                ('covered', fields.JSONField(default=list, description='The fields the digest covers, sorted (the fixtures may hold more fields in a later release).', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('digest', fields.CharField(description='SHA-256 of the canonical JSON of those fields as stored right after seeding wrote them.', max_length=64)),
                ('seeded_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'seed_record', 'app': 'models', 'unique_together': (('kind', 'key'),), 'pk_attr': 'id', 'table_description': 'The row a fixture record was last written to, and a digest of the fields seeding wrote there.'},
            bases=['Model'],
        ),
    ]
