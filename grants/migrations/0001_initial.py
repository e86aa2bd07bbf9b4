from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from grants.models.accounts import Role
from grants.models.directory import OrganisationKind, RelationshipKind
from grants.models.programme import Pillar
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='FundingArea',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('pillar', fields.CharEnumField(description='INFORMATION_AND_COUNSELLING: INFORMATION_AND_COUNSELLING\nEDUCATION_AND_WORK: EDUCATION_AND_WORK\nUNDERSTANDING_AND_SOCIAL_INTEGRATION: UNDERSTANDING_AND_SOCIAL_INTEGRATION', enum_type=Pillar, max_length=48)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'funding_area', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A Förderbereich (KIP1 and KIP2 share eight, KIP3 has seven of its own).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Indicator',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'indicator', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A Kennzahl whose targets and actuals are reported, e.g. COUNSELLING_SESSIONS.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Organisation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=80)),
                ('kind', fields.CharEnumField(db_index=True, description='FEDERAL_OFFICE: FEDERAL_OFFICE\nCANTONAL_OFFICE: CANTONAL_OFFICE\nMUNICIPALITY: MUNICIPALITY\nNGO: NGO\nASSOCIATION: ASSOCIATION\nFOUNDATION: FOUNDATION\nOTHER: OTHER', enum_type=OrganisationKind, max_length=24)),
                ('acronym', fields.CharField(null=True, max_length=32)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('description', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('street', fields.CharField(null=True, max_length=200)),
                ('postal_code', fields.CharField(null=True, max_length=16)),
                ('locality', fields.CharField(null=True, max_length=100)),
                ('canton', fields.CharField(null=True, max_length=2)),
                ('phone', fields.CharField(null=True, max_length=40)),
                ('email', fields.CharField(null=True, max_length=200)),
                ('website', fields.CharField(null=True, max_length=300)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('is_sample', fields.BooleanField(default=False)),
                ('note', fields.TextField(null=True, unique=False)),
                ('sort_name', fields.CharField(db_index=True, max_length=300)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('language_tags', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'organisation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A partner (Akteur) of the integration network.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MunicipalityProfile',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('organisation', fields.OneToOneField('models.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='municipality', on_delete=OnDelete.CASCADE)),
                ('bfs_number', fields.IntField(unique=True)),
                ('district', fields.CharField(null=True, max_length=64)),
                ('population', fields.IntField(null=True)),
                ('foreign_national_share', fields.DecimalField(null=True, max_digits=5, decimal_places=4)),
                ('population_year', fields.IntField(null=True)),
                ('communis_since', fields.IntField(null=True)),
                ('source', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'municipality_profile', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Statistics of a municipality (Einwohnergemeinde), one per municipality organisation.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Programme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=16)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('start_year', fields.IntField()),
                ('end_year', fields.IntField()),
                ('funding_areas', fields.ManyToManyField('models.FundingArea', unique=True, db_constraint=True, through='programme_funding_area', forward_key='fundingarea_id', backward_key='programme_id', related_name='programmes', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'programme', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A KIP phase such as KIP2 (2018–2021).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Relationship',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('source', fields.ForeignKeyField('models.Organisation', source_field='source_id', db_constraint=True, to_field='id', related_name='outgoing', on_delete=OnDelete.CASCADE)),
                ('target', fields.ForeignKeyField('models.Organisation', source_field='target_id', db_constraint=True, to_field='id', related_name='incoming', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='COORDINATES: COORDINATES\nFUNDS: FUNDS\nOPERATIONAL_PARTNER: OPERATIONAL_PARTNER\nREPORTS_TO: REPORTS_TO\nCOOPERATES_WITH: COOPERATES_WITH\nMEMBER_OF: MEMBER_OF', enum_type=RelationshipKind, max_length=24)),
                ('since', fields.DateField(null=True)),
                ('description', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('is_sample', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'relationship', 'app': 'models', 'unique_together': (('source', 'target', 'kind'),), 'pk_attr': 'id', 'table_description': 'A typed, directed edge: source —kind→ target.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Service',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=80)),
                ('provider', fields.ForeignKeyField('models.Organisation', source_field='provider_id', db_constraint=True, to_field='id', related_name='services', on_delete=OnDelete.CASCADE)),
                ('funding_area', fields.ForeignKeyField('models.FundingArea', source_field='funding_area_id', null=True, db_constraint=True, to_field='id', related_name='services', on_delete=OnDelete.SET_NULL)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('description', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('is_sample', fields.BooleanField(default=False)),
                ('note', fields.TextField(null=True, unique=False)),
                ('sort_name', fields.CharField(db_index=True, max_length=300)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('language_tags', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'service', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An Angebot offered by an organisation, in some languages and one funding area.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('display_name', fields.CharField(max_length=200)),
                ('role', fields.CharEnumField(description='APPLICANT: APPLICANT\nREVIEWER: REVIEWER\nAPPROVER: APPROVER\nADMIN: ADMIN', enum_type=Role, max_length=16)),
                ('organisation', fields.ForeignKeyField('models.Organisation', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT)),
                ('password_hash', fields.CharField(max_length=200)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'user_account', 'app': 'models', 'pk_attr': 'id', 'table_description': "A person who logs in: an NGO's project lead or programme staff."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AccessToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'access_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A bearer token, stored only as its SHA-256 hash, expiring and revocable.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='audit_records', on_delete=OnDelete.SET_NULL)),
                ('action', fields.CharField(max_length=64)),
                ('entity_type', fields.CharField(max_length=32)),
                ('entity_id', fields.IntField()),
                ('changes', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'audit_record', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One change made through kipnet, written in the same transaction as the change.'},
            bases=['Model'],
        ),
    ]
