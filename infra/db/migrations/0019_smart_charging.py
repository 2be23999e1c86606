from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0018_certificates')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChargingLimit',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='charging_limits', on_delete=OnDelete.CASCADE)),
                ('evse_id', fields.IntField()),
                ('source', fields.CharField(max_length=8)),
                ('is_grid_critical', fields.BooleanField(null=True)),
                ('schedules', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('notified_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('cleared_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'charging_limit', 'app': 'csms', 'unique_together': (('station', 'evse_id', 'source'),), 'pk_attr': 'id', 'table_description': 'An external charging limit a station notified (K12, K13) per EVSE (0: the whole'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChargingProfile',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='charging_profiles', on_delete=OnDelete.CASCADE)),
                ('profile_id', fields.IntField()),
                ('evse_id', fields.IntField()),
                ('stack_level', fields.IntField()),
                ('purpose', fields.CharField(max_length=40)),
                ('kind', fields.CharField(max_length=10)),
                ('recurrency_kind', fields.CharField(null=True, max_length=8)),
                ('valid_from', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('valid_to', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('transaction_id', fields.CharField(null=True, max_length=36)),
                ('remote_start_id', fields.IntField(null=True)),
                ('charging_limit_source', fields.CharField(max_length=8)),
                ('schedules', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('presence', fields.CharField(max_length=16)),
                ('status', fields.CharField(null=True, max_length=12)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('outcome', fields.CharField(null=True, max_length=10)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('reported_request_id', fields.IntField(null=True)),
                ('requested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'charging_profile', 'app': 'csms', 'unique_together': (('station', 'profile_id'),), 'indexes': [Index(fields=['station_id', 'transaction_id'])], 'pk_attr': 'id', 'table_description': 'One charging profile id of a station (K01-K05, K09, K10): the profile itself (its'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChargingProfileRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='charging_profile_requests', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField()),
                ('evse_id', fields.IntField(null=True)),
                ('criteria', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('requested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharField(null=True, max_length=10)),
                ('status', fields.CharField(null=True, max_length=12)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('part_keys', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('parts', fields.IntField(default=0)),
                ('profiles', fields.IntField(default=0)),
                ('completed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'charging_profile_request', 'app': 'csms', 'unique_together': (('station', 'request_id'),), 'pk_attr': 'id', 'table_description': "A GetChargingProfiles request (K09) by requestId: what it asked, the station's answer,"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CompositeSchedule',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='composite_schedules', on_delete=OnDelete.CASCADE)),
                ('evse_id', fields.IntField()),
                ('duration', fields.IntField()),
                ('charging_rate_unit', fields.CharField(null=True, max_length=2)),
                ('status', fields.CharField(max_length=10)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('schedule', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('answered_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'composite_schedule', 'app': 'csms', 'unique_together': (('station', 'evse_id'),), 'pk_attr': 'id', 'table_description': "A station's last answer to GetCompositeSchedule (K08) for an EVSE: what was asked, the"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EvChargingNeeds',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='ev_charging_needs', on_delete=OnDelete.CASCADE)),
                ('evse_id', fields.IntField()),
                ('needs', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('energy_transfer', fields.CharField(max_length=20)),
                ('departure_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('energy_amount', fields.IntField(null=True)),
                ('max_schedule_tuples', fields.IntField(null=True)),
                ('transaction_id', fields.CharField(null=True, max_length=36)),
                ('status', fields.CharField(max_length=12)),
                ('offered_profile_id', fields.IntField(null=True)),
                ('offer_status', fields.CharField(null=True, max_length=12)),
                ('offer_problem', fields.TextField(null=True, unique=False)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ev_charging_needs', 'app': 'csms', 'unique_together': (('station', 'evse_id'),), 'pk_attr': 'id', 'table_description': 'The last charging needs an EV sent on an EVSE (K15-K17), as the station forwarded'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EvChargingSchedule',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='ev_charging_schedules', on_delete=OnDelete.CASCADE)),
                ('evse_id', fields.IntField()),
                ('time_base', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('schedule', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'ev_charging_schedule', 'app': 'csms', 'unique_together': (('station', 'evse_id'),), 'pk_attr': 'id', 'table_description': 'The last charging schedule an EV chose on an EVSE (K15.FR.10), as the station'},
            bases=['Model'],
        ),
    ]
