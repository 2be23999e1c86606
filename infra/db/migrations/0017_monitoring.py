from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0016_display_messages')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MonitoringReportRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='monitoring_report_requests', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField()),
                ('criteria', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('component_variables', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('requested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharField(null=True, max_length=10)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('status', fields.CharField(null=True, max_length=16)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('parts', fields.IntField(default=0)),
                ('monitors', fields.IntField(default=0)),
                ('final_seq_no', fields.IntField(null=True)),
                ('last_part_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('completed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'monitoring_report_request', 'app': 'csms', 'unique_together': (('station', 'request_id'),), 'pk_attr': 'id', 'table_description': "A GetMonitoringReport (N02) by requestId: what was asked, the call's outcome and the"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MonitoringReportPart',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('report', fields.ForeignKeyField('csms.MonitoringReportRequest', source_field='report_id', db_constraint=True, to_field='id', related_name='received_parts', on_delete=OnDelete.CASCADE)),
                ('seq_no', fields.IntField()),
                ('tbc', fields.BooleanField()),
                ('monitors', fields.IntField()),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'monitoring_report_part', 'app': 'csms', 'unique_together': (('report', 'seq_no'),), 'pk_attr': 'id', 'table_description': 'One NotifyMonitoringReport part received for a report (each seqNo once).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StationAlertState',
            fields=[
                ('component_name', fields.CharField(max_length=50)),
                ('component_instance', fields.CharField(null=True, max_length=50)),
                ('evse_id', fields.IntField(null=True)),
                ('connector_id', fields.IntField(null=True)),
                ('variable_name', fields.CharField(max_length=50)),
                ('variable_instance', fields.CharField(null=True, max_length=50)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='alert_states', on_delete=OnDelete.CASCADE)),
                ('variable_key', fields.CharField(max_length=512)),
                ('active', fields.BooleanField()),
                ('severity', fields.IntField(null=True)),
                ('trigger', fields.CharField(max_length=16)),
                ('actual_value', fields.TextField(unique=False)),
                ('event_id', fields.IntField()),
                ('variable_monitoring_id', fields.IntField(null=True)),
                ('monitor_type', fields.CharField(null=True, max_length=24)),
                ('event_notification_type', fields.CharField(max_length=32)),
                ('event_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('raised_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cleared_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'station_alert_state', 'app': 'csms', 'unique_together': (('station', 'variable_key'),), 'indexes': [Index(fields=['active', 'id'])], 'pk_attr': 'id', 'table_description': 'The alert state of one component-variable of a station (N07/N08): raised or cleared by'},
            bases=['ComponentVariableColumns'],
        ),
        ops.CreateModel(
            name='StationMonitor',
            fields=[
                ('component_name', fields.CharField(max_length=50)),
                ('component_instance', fields.CharField(null=True, max_length=50)),
                ('evse_id', fields.IntField(null=True)),
                ('connector_id', fields.IntField(null=True)),
                ('variable_name', fields.CharField(max_length=50)),
                ('variable_instance', fields.CharField(null=True, max_length=50)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='monitors', on_delete=OnDelete.CASCADE)),
                ('monitor_id', fields.IntField()),
                ('variable_key', fields.CharField(max_length=512)),
                ('type', fields.CharField(max_length=24)),
                ('value', fields.FloatField()),
                ('severity', fields.IntField()),
                ('transaction', fields.BooleanField()),
                ('source', fields.CharField(max_length=24)),
                ('request_id', fields.IntField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'station_monitor', 'app': 'csms', 'unique_together': (('station', 'monitor_id'),), 'pk_attr': 'id', 'table_description': 'One variable monitor a station has (N02/N04), by the id the station assigned, with'},
            bases=['ComponentVariableColumns'],
        ),
        ops.CreateModel(
            name='StationMonitoringState',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.OneToOneField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='monitoring_state', on_delete=OnDelete.CASCADE)),
                ('monitoring_base', fields.CharField(null=True, max_length=16)),
                ('base_set_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('monitoring_level', fields.IntField(null=True)),
                ('level_set_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'station_monitoring_state', 'app': 'csms', 'pk_attr': 'id', 'table_description': 'The monitoring base and level a station last accepted from the CSMS (N03, N05).'},
            bases=['Model'],
        ),
        ops.AddIndex(
            model_name='StationEventData',
            index=Index(fields=['station_id', 'generated_at', 'seq_no']),
        ),
    ]
