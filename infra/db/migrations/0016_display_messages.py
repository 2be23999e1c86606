from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [("csms", "0015_customer_information")]

    initial = False

    operations = [
        ops.CreateModel(
            name='DisplayMessage',
            fields=[
                ('message_id', fields.IntField()),
                ('priority', fields.CharField(max_length=12)),
                ('state', fields.CharField(null=True, max_length=12)),
                ('start_date_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('end_date_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('transaction_id', fields.CharField(null=True, max_length=36)),
                ('format', fields.CharField(max_length=5)),
                ('language', fields.CharField(null=True, max_length=8)),
                ('content', fields.CharField(max_length=512)),
                ('display_component', fields.CharField(null=True, max_length=50)),
                ('display_instance', fields.CharField(null=True, max_length=50)),
                ('display_evse_id', fields.IntField(null=True)),
                ('display_connector_id', fields.IntField(null=True)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='display_messages', on_delete=OnDelete.CASCADE)),
                ('presence', fields.CharField(max_length=20)),
                ('status', fields.CharField(null=True, max_length=28)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('outcome', fields.CharField(null=True, max_length=10)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('requested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('believed_since', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('removed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'display_message', 'app': 'csms', 'unique_together': (('station', 'message_id'),), 'pk_attr': 'id', 'table_description': 'One message id of a station as the CSMS knows it (O01/O02/O06): the message it set (or'},
            bases=['MessageInfoColumns'],
        ),
        ops.CreateModel(
            name='DisplayMessageBroadcast',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('message_id', fields.IntField(null=True)),
                ('audience', fields.CharField(max_length=8)),
                ('concurrency', fields.IntField()),
                ('status', fields.CharField(max_length=12)),
                ('total', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'display_message_broadcast', 'app': 'csms', 'pk_attr': 'id', 'table_description': 'A message sent to a set of stations: the message (MessageInfoType JSON without its id),'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisplayMessageBroadcastTarget',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('broadcast', fields.ForeignKeyField('csms.DisplayMessageBroadcast', source_field='broadcast_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.CASCADE)),
                ('station_id', fields.CharField(max_length=48)),
                ('outcome', fields.CharField(max_length=16)),
                ('status', fields.CharField(null=True, max_length=28)),
                ('message_id', fields.IntField(null=True)),
                ('problem', fields.TextField(null=True, unique=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'display_message_broadcast_target', 'app': 'csms', 'unique_together': (('broadcast', 'station_id'),), 'pk_attr': 'id', 'table_description': 'One station of a fleet-wide message and how its SetDisplayMessage went. `station_id`'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisplayMessageRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='display_message_requests', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField()),
                ('ids', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('priority', fields.CharField(null=True, max_length=12)),
                ('state', fields.CharField(null=True, max_length=12)),
                ('requested_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharField(null=True, max_length=10)),
                ('status', fields.CharField(null=True, max_length=8)),
                ('status_reason', fields.CharField(null=True, max_length=20)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('parts', fields.IntField(default=0)),
                ('messages', fields.IntField(default=0)),
                ('last_part_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('completed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'display_message_request', 'app': 'csms', 'unique_together': (('station', 'request_id'),), 'pk_attr': 'id', 'table_description': "A GetDisplayMessages request (O03/O04) by requestId: its filters, the station's answer,"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReportedDisplayMessage',
            fields=[
                ('message_id', fields.IntField()),
                ('priority', fields.CharField(max_length=12)),
                ('state', fields.CharField(null=True, max_length=12)),
                ('start_date_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('end_date_time', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('transaction_id', fields.CharField(null=True, max_length=36)),
                ('format', fields.CharField(max_length=5)),
                ('language', fields.CharField(null=True, max_length=8)),
                ('content', fields.CharField(max_length=512)),
                ('display_component', fields.CharField(null=True, max_length=50)),
                ('display_instance', fields.CharField(null=True, max_length=50)),
                ('display_evse_id', fields.IntField(null=True)),
                ('display_connector_id', fields.IntField(null=True)),
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='reported_display_messages', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField()),
                ('reported_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'reported_display_message', 'app': 'csms', 'unique_together': (('station', 'message_id'),), 'pk_attr': 'id', 'table_description': "One message of a station's catalogue as the station last reported it in a"},
            bases=['MessageInfoColumns'],
        ),
    ]
