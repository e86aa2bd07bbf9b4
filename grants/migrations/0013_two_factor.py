from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0012_mail_digest')]

    initial = False

    operations = [
        # Two-factor sign-in (issue 12): sealed TOTP secrets, recovery codes as digests, and the flag.
        ops.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='recovery_codes', on_delete=OnDelete.CASCADE)),
                ('code_digest', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'recovery_code', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A one-time recovery code, stored only as its keyed digest, spent when used.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TwoFactorSecret',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.OneToOneField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='two_factor_secret', on_delete=OnDelete.CASCADE)),
                ('sealed_secret', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used_step', fields.BigIntField(null=True, description='The TOTP time step of the last code accepted: a code is refused in the step it was used (replay).')),
            ],
            options={'table': 'two_factor_secret', 'app': 'models', 'pk_attr': 'id', 'table_description': "A user's TOTP secret, sealed with a key derived from the app secret, confirmed by a first code."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='User',
            name='two_factor_enabled',
            field=fields.BooleanField(default=False, description='Sign-in asks for a TOTP code (or a recovery code) besides the password.'),
        ),
    ]
