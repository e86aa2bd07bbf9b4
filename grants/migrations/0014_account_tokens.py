from tortoise import migrations
from tortoise.migrations import operations as ops
from grants.models.accounts import TokenPurpose
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_two_factor')]

    initial = False

    operations = [
        # Invitation and password-reset links: only digests are kept, each works once and expires.
        ops.CreateModel(
            name='AccountToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='account_tokens', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharEnumField(description='INVITATION: INVITATION\nRESET: RESET', enum_type=TokenPurpose, max_length=16)),
                ('digest', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, description='Set when the link was used or replaced by a newer one: a token works once.', auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'account_token', 'app': 'models', 'pk_attr': 'id', 'table_description': "A one-time link's token (invitation or password reset), stored only as its SHA-256 digest."},
            bases=['Model'],
        ),
    ]
