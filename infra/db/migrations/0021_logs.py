from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0020_tariffs')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LogRequest',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='log_requests', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField()),
                ('log_type', fields.CharField(max_length=16)),
                ('oldest_timestamp', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('latest_timestamp', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('retries', fields.IntField(null=True)),
                ('retry_interval', fields.IntField(null=True)),
                ('remote_location', fields.CharField(null=True, max_length=512)),
                ('upload_token', fields.CharField(null=True, unique=True, max_length=64)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharField(null=True, max_length=16)),
                ('status', fields.CharField(null=True, max_length=20)),
                ('reason_code', fields.CharField(null=True, max_length=20)),
                ('additional_info', fields.CharField(null=True, max_length=512)),
                ('error_code', fields.CharField(null=True, max_length=40)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('filename', fields.CharField(null=True, max_length=255)),
                ('last_status', fields.CharField(null=True, max_length=24)),
                ('last_status_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('upload_id', fields.CharField(null=True, max_length=36)),
                ('file_name', fields.CharField(null=True, max_length=255)),
                ('size_bytes', fields.BigIntField(null=True)),
                ('sha256', fields.CharField(null=True, max_length=64)),
                ('uploaded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('purged_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'log_request', 'app': 'csms', 'unique_together': (('station', 'request_id'),), 'indexes': [Index(fields=['purged_at', 'requested_at'])], 'pk_attr': 'id', 'table_description': 'A GetLog the CSMS sent (N01) under a requestId it allocated: what it asked, how the call'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LogChunk',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('log_request', fields.ForeignKeyField('csms.LogRequest', source_field='log_request_id', db_constraint=True, to_field='id', related_name='chunks', on_delete=OnDelete.CASCADE)),
                ('upload_id', fields.CharField(max_length=36)),
                ('seq', fields.IntField()),
                ('data', fields.BinaryField()),
            ],
            options={'table': 'log_chunk', 'app': 'csms', 'unique_together': (('log_request', 'upload_id', 'seq'),), 'pk_attr': 'id', 'table_description': 'One piece of an uploaded log file, in order (`seq`) within its upload.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LogStatusRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='log_statuses', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.IntField(null=True)),
                ('status', fields.CharField(max_length=24)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'log_status', 'app': 'csms', 'indexes': [Index(fields=['station_id', 'request_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One LogStatusNotification as received (`request_id` null for an Idle without one).'},
            bases=['Model'],
        ),
    ]
