from tortoise import migrations
from tortoise.migrations import operations as ops
from grants.models.documents import DocumentKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0015_sealed_links')]

    initial = False

    operations = [
        # Files of applications and reports: metadata here, bytes in the BlobStore under their SHA-256.
        ops.CreateModel(
            name='Document',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.RESTRICT)),
                ('report', fields.ForeignKeyField('models.ProjectReport', source_field='report_id', null=True, db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='PROJECT_DESCRIPTION: PROJECT_DESCRIPTION\nBUDGET: BUDGET\nSTATUTES: STATUTES\nANNUAL_REPORT: ANNUAL_REPORT\nREPORT_ATTACHMENT: REPORT_ATTACHMENT\nDECISION_LETTER: DECISION_LETTER\nOTHER: OTHER', enum_type=DocumentKind, max_length=24)),
                ('filename', fields.CharField(description='The sanitised name shown and offered on download.', max_length=255)),
                ('content_type', fields.CharField(description='Judged from the content, never the name.', max_length=100)),
                ('size', fields.IntField()),
                ('sha256', fields.CharField(db_index=True, description="The blob's key in the store.", max_length=64)),
                ('uploaded_by', fields.ForeignKeyField('models.User', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.SET_NULL)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'document', 'app': 'models', 'indexes': [Index(fields=['application_id', 'id']), Index(fields=['report_id', 'id'])], 'pk_attr': 'id', 'table_description': 'A file of an application (or of one of its reports), its bytes stored under their SHA-256.'},
            bases=['Model'],
        ),
    ]
