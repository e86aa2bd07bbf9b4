from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from grants.models.applications import ApplicationStatus, BudgetCategory, Recommendation
from grants.models.calls import default_tranche_plan
from grants.models.outbox import OutboxStatus
from grants.models.project_reports import ReportKind, ReportStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Counter',
            fields=[
                ('name', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('value', fields.IntField(default=0)),
            ],
            options={'table': 'counter', 'app': 'models', 'pk_attr': 'name', 'table_description': 'A named sequence (e.g. application references per year), advanced under a row lock.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FundingCall',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reference', fields.CharField(unique=True, max_length=32)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='calls', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('description', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('funding_areas', fields.ManyToManyField('models.FundingArea', unique=True, db_constraint=True, through='call_funding_area', forward_key='fundingarea_id', backward_key='funding_call_id', related_name='calls', on_delete=OnDelete.CASCADE)),
                ('opens_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('closes_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('budget_cents', fields.BigIntField()),
                ('committed_cents', fields.BigIntField(default=0)),
                ('max_amount_per_application', fields.DecimalField(null=True, max_digits=14, decimal_places=2)),
                ('min_reviews', fields.IntField(default=1)),
                ('tranche_plan', fields.JSONField(default=default_tranche_plan, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'funding_call', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A call for proposals under a programme phase, with a budget that awards draw from.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Application',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reference', fields.CharField(unique=True, max_length=32)),
                ('call', fields.ForeignKeyField('models.FundingCall', source_field='call_id', db_constraint=True, to_field='id', related_name='applications', on_delete=OnDelete.RESTRICT)),
                ('applicant', fields.ForeignKeyField('models.Organisation', source_field='applicant_id', db_constraint=True, to_field='id', related_name='applications', on_delete=OnDelete.RESTRICT)),
                ('created_by', fields.ForeignKeyField('models.User', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='applications', on_delete=OnDelete.SET_NULL)),
                ('title', fields.CharField(max_length=300)),
                ('summary', fields.TextField(null=True, unique=False)),
                ('funding_area', fields.ForeignKeyField('models.FundingArea', source_field='funding_area_id', db_constraint=True, to_field='id', related_name='applications', on_delete=OnDelete.RESTRICT)),
                ('project_start', fields.DateField()),
                ('project_end', fields.DateField()),
                ('municipalities', fields.ManyToManyField('models.Organisation', unique=True, db_constraint=True, through='application_municipality', forward_key='organisation_id', backward_key='application_id', related_name='projects', on_delete=OnDelete.CASCADE)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('own_contribution', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('third_party_funding', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('requested_amount', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('targets', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=ApplicationStatus.DRAFT, description='DRAFT: DRAFT\nSUBMITTED: SUBMITTED\nIN_REVIEW: IN_REVIEW\nCHANGES_REQUESTED: CHANGES_REQUESTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nWITHDRAWN: WITHDRAWN\nCLOSED: CLOSED', enum_type=ApplicationStatus, max_length=24)),
                ('version', fields.IntField(default=1)),
                ('submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'application', 'app': 'models', 'pk_attr': 'id', 'table_description': "An organisation's request for project funding under a call."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApplicationEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='application_events', on_delete=OnDelete.SET_NULL)),
                ('kind', fields.CharField(max_length=32)),
                ('from_status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nSUBMITTED: SUBMITTED\nIN_REVIEW: IN_REVIEW\nCHANGES_REQUESTED: CHANGES_REQUESTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nWITHDRAWN: WITHDRAWN\nCLOSED: CLOSED', enum_type=ApplicationStatus, max_length=24)),
                ('to_status', fields.CharEnumField(null=True, description='DRAFT: DRAFT\nSUBMITTED: SUBMITTED\nIN_REVIEW: IN_REVIEW\nCHANGES_REQUESTED: CHANGES_REQUESTED\nAPPROVED: APPROVED\nREJECTED: REJECTED\nWITHDRAWN: WITHDRAWN\nCLOSED: CLOSED', enum_type=ApplicationStatus, max_length=24)),
                ('message', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'application_event', 'app': 'models', 'pk_attr': 'id', 'table_description': "One step in an application's history: a move, a review, an award, a payment, a report."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Award',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.OneToOneField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='award', on_delete=OnDelete.RESTRICT)),
                ('amount', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('conditions', fields.TextField(null=True, unique=False)),
                ('decided_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='awards', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'award', 'app': 'models', 'pk_attr': 'id', 'table_description': "The approved amount of an application, taken from its call's budget."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BudgetLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='budget_lines', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('category', fields.CharEnumField(description='PERSONNEL: PERSONNEL\nMATERIAL: MATERIAL\nPREMISES: PREMISES\nCOMMUNICATION: COMMUNICATION\nINTERPRETING: INTERPRETING\nOTHER: OTHER', enum_type=BudgetCategory, max_length=16)),
                ('description', fields.CharField(max_length=500)),
                ('amount', fields.DecimalField(max_digits=14, decimal_places=2)),
            ],
            options={'table': 'budget_line', 'app': 'models', 'pk_attr': 'id', 'table_description': "One line of an application's budget."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InternalNote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='internal_notes', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='internal_notes', on_delete=OnDelete.SET_NULL)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'internal_note', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A note staff keep on an application (applicants never see notes, nor how many there are).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('recipient', fields.CharField(max_length=254)),
                ('subject', fields.CharField(max_length=300)),
                ('body', fields.TextField(unique=False)),
                ('kind', fields.CharField(max_length=48)),
                ('application_id', fields.IntField(null=True, db_index=True)),
                ('status', fields.CharEnumField(default=OutboxStatus.PENDING, db_index=True, description='PENDING: PENDING\nSENT: SENT\nFAILED: FAILED', enum_type=OutboxStatus, max_length=8)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('claimed_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('claim', fields.CharField(null=True, max_length=32)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'outbox_message', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One e-mail to one recipient, delivered by the sender with retries and back-off.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PaymentTranche',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('award', fields.ForeignKeyField('models.Award', source_field='award_id', db_constraint=True, to_field='id', related_name='tranches', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('amount', fields.DecimalField(max_digits=14, decimal_places=2)),
                ('due', fields.CharField(max_length=16)),
                ('due_on', fields.DateField()),
                ('paid_on', fields.DateField(null=True)),
            ],
            options={'table': 'payment_tranche', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A part of an award, due at a project milestone, marked paid by staff.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProjectReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='INTERIM: INTERIM\nFINAL: FINAL', enum_type=ReportKind, max_length=8)),
                ('status', fields.CharEnumField(default=ReportStatus.SUBMITTED, description='SUBMITTED: SUBMITTED\nACCEPTED: ACCEPTED\nRETURNED: RETURNED', enum_type=ReportStatus, max_length=10)),
                ('narrative', fields.TextField(unique=False)),
                ('actuals', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('submitted_by', fields.ForeignKeyField('models.User', source_field='submitted_by_id', null=True, db_constraint=True, to_field='id', related_name='submitted_reports', on_delete=OnDelete.SET_NULL)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('models.User', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='decided_reports', on_delete=OnDelete.SET_NULL)),
                ('message', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'project_report', 'app': 'models', 'pk_attr': 'id', 'table_description': 'What an applicant reports on its funded project (actuals of the indicators, a narrative).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Review',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application', fields.ForeignKeyField('models.Application', source_field='application_id', db_constraint=True, to_field='id', related_name='reviews', on_delete=OnDelete.CASCADE)),
                ('reviewer', fields.ForeignKeyField('models.User', source_field='reviewer_id', db_constraint=True, to_field='id', related_name='reviews', on_delete=OnDelete.RESTRICT)),
                ('scores', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('weighted_score', fields.DecimalField(max_digits=6, decimal_places=3)),
                ('recommendation', fields.CharEnumField(description='APPROVE: APPROVE\nREJECT: REJECT\nCHANGES: CHANGES', enum_type=Recommendation, max_length=8)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'review', 'app': 'models', 'unique_together': (('application', 'reviewer'),), 'pk_attr': 'id', 'table_description': "A reviewer's scores for one application (a new review by the same reviewer replaces it)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReviewCriterion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('call', fields.ForeignKeyField('models.FundingCall', source_field='call_id', db_constraint=True, to_field='id', related_name='criteria', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(max_length=64)),
                ('name', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('weight', fields.DecimalField(max_digits=8, decimal_places=3)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'review_criterion', 'app': 'models', 'unique_together': (('call', 'code'),), 'pk_attr': 'id', 'table_description': 'What reviewers score (0..5) for applications of a call, and its weight in the mean.'},
            bases=['Model'],
        ),
    ]
