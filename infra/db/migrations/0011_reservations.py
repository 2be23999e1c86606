from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0010_station_heartbeat_interval')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Reservation',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station', fields.ForeignKeyField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='reservations', on_delete=OnDelete.CASCADE)),
                ('reservation_id', fields.IntField()),
                ('evse_id', fields.IntField(null=True)),
                ('connector_type', fields.CharField(null=True, max_length=20)),
                ('id_token', fields.CharField(max_length=36)),
                ('id_token_type', fields.CharField(max_length=20)),
                ('group_id_token', fields.CharField(null=True, max_length=36)),
                ('group_id_token_type', fields.CharField(null=True, max_length=20)),
                ('expiry_date_time', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('requested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status', fields.CharField(null=True, max_length=16)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cancel_status', fields.CharField(null=True, max_length=16)),
                ('cancel_answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('end_reason', fields.CharField(null=True, max_length=16)),
                ('transaction_id', fields.CharField(null=True, max_length=36)),
                ('token_matched', fields.BooleanField(null=True)),
            ],
            options={'table': 'reservation', 'app': 'csms', 'unique_together': (('station', 'reservation_id'),), 'indexes': [Index(fields=['station_id', 'id']), Index(fields=['ended_at', 'expiry_date_time'])], 'pk_attr': 'id', 'table_description': 'A ReserveNow the CSMS sent (H01), what the station answered, and how it ended.'},
            bases=['Model'],
        ),
    ]
