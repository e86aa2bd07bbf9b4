from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_mail_languages')]

    initial = False

    operations = [
        # The administrators' digest of applicants' directory edits remembers what it has mailed.
        ops.CreateModel(
            name='MailDigest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(description='What the digest is about, e.g. directory', max_length=32)),
                ('after_audit_id', fields.BigIntField()),
                ('through_audit_id', fields.BigIntField()),
                ('edits', fields.IntField(description='How many audited edits the digest listed')),
                ('recipients', fields.IntField(description='How many administrators it was mailed to')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'mail_digest', 'app': 'models', 'unique_together': (('kind', 'after_audit_id'),), 'pk_attr': 'id', 'table_description': 'One digest: the audit records after `after_audit_id` up to `through_audit_id`, mailed once.'},
            bases=['Model'],
        ),
    ]
