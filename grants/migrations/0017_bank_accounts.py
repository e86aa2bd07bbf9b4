from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0016_documents')]

    initial = False

    operations = [
        # Issue 13: an organisation's bank account (one; its history in the audit), and a tranche
        # handed to the finance office with the account it is paid to.
        ops.CreateModel(
            name='BankAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.OneToOneField('models.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='bank_account', on_delete=OnDelete.CASCADE)),
                ('iban', fields.CharField(description='The electronic form: no spaces, upper case (CH9300762011623852957).', max_length=34)),
                ('holder', fields.CharField(max_length=70)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_by', fields.ForeignKeyField('models.User', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='bank_account_changes', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'bank_account', 'app': 'models', 'pk_attr': 'id', 'table_description': "Where the finance office pays an organisation's tranches: a Swiss or Liechtenstein IBAN."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='PaymentTranche',
            name='payee_holder',
            field=fields.CharField(null=True, max_length=70),
        ),
        ops.AddField(
            model_name='PaymentTranche',
            name='payee_iban',
            field=fields.CharField(null=True, description='The account it is paid to, copied when handed over (or when marked paid directly).', max_length=34),
        ),
        ops.AddField(
            model_name='PaymentTranche',
            name='payment_started_at',
            field=fields.DatetimeField(null=True, description='When handed to the finance office (being paid until paid_on is set), null when not or no longer.', auto_now=False, auto_now_add=False),
        ),
    ]
