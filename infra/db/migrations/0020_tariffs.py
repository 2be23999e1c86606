from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('csms', '0019_smart_charging')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Tariff',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('currency', fields.CharField(max_length=3)),
                ('energy_per_kwh', fields.DecimalField(null=True, max_digits=18, decimal_places=6)),
                ('time_per_hour', fields.DecimalField(null=True, max_digits=18, decimal_places=6)),
                ('idle_per_hour', fields.DecimalField(null=True, max_digits=18, decimal_places=6)),
                ('session_fee', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('min_price', fields.DecimalField(null=True, max_digits=18, decimal_places=6)),
                ('max_price', fields.DecimalField(null=True, max_digits=18, decimal_places=6)),
                ('tax_rate_percent', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('time_zone', fields.CharField(max_length=64)),
                ('bands', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('text', fields.CharField(null=True, max_length=512)),
                ('language', fields.CharField(null=True, max_length=8)),
                ('revision', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'tariff', 'app': 'csms', 'pk_attr': 'id', 'table_description': 'A tariff: per-kWh, per-hour charging and per-hour idle prices, session fee, minimum'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TariffAssignment',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tariff', fields.ForeignKeyField('csms.Tariff', source_field='tariff_id', db_constraint=True, to_field='id', related_name='assignments', on_delete=OnDelete.CASCADE)),
                ('place_key', fields.CharField(unique=True, max_length=100)),
                ('station_id', fields.CharField(null=True, max_length=48)),
                ('evse_id', fields.IntField(null=True)),
                ('id_token', fields.CharField(null=True, max_length=36)),
            ],
            options={'table': 'tariff_assignment', 'app': 'csms', 'pk_attr': 'id', 'table_description': 'Where a tariff applies (`place_key`, one tariff per place): an id token (or group id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TransactionCost',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('station_id', fields.CharField(max_length=48)),
                ('transaction_id', fields.CharField(max_length=36)),
                ('evse_id', fields.IntField(null=True)),
                ('tariff_id', fields.BigIntField()),
                ('tariff_revision', fields.IntField()),
                ('told', fields.CharField(null=True, max_length=40)),
                ('started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('points', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('currency', fields.CharField(max_length=3)),
                ('energy_wh', fields.DecimalField(max_digits=24, decimal_places=6)),
                ('charging_seconds', fields.DecimalField(max_digits=24, decimal_places=6)),
                ('idle_seconds', fields.DecimalField(max_digits=24, decimal_places=6)),
                ('energy', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('time', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('idle', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('fixed', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('subtotal', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('minimum_applied', fields.BooleanField()),
                ('maximum_applied', fields.BooleanField()),
                ('net', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('tax', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('total', fields.DecimalField(max_digits=18, decimal_places=6)),
                ('final', fields.BooleanField()),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'transaction_cost', 'app': 'csms', 'unique_together': (('station_id', 'transaction_id'),), 'indexes': [Index(fields=['station_id', 'evse_id', 'final'])], 'pk_attr': 'id', 'table_description': "A transaction's cost: its EVSE, the tariff (and revision) it was priced with, the"},
            bases=['Model'],
        ),
    ]
