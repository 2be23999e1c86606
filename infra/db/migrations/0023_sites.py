from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('csms', '0022_operators')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Site',
            fields=[
                ('id', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('name', fields.CharField(max_length=128)),
                ('grid_limit', fields.FloatField()),
                ('unit', fields.CharField(max_length=1)),
                ('phases', fields.IntField()),
                ('evse_min', fields.FloatField()),
                ('evse_max', fields.FloatField()),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'site', 'app': 'csms', 'pk_attr': 'id', 'table_description': 'A group of stations sharing a grid connection: its limit (`unit` A per phase or W in'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SitePlanEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('csms.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='plan', on_delete=OnDelete.CASCADE)),
                ('station_id', fields.CharField(max_length=48)),
                ('evse_id', fields.IntField()),
                ('transaction_id', fields.CharField(max_length=36)),
                ('limit', fields.FloatField()),
                ('counted', fields.FloatField()),
                ('reason', fields.CharField(max_length=16)),
                ('acknowledged', fields.BooleanField()),
                ('held', fields.FloatField(null=True)),
                ('profile_id', fields.IntField(null=True)),
                ('planned_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'site_plan_entry', 'app': 'csms', 'unique_together': (('site', 'transaction_id'),), 'pk_attr': 'id', 'table_description': "A transaction's place in its site's latest plan: its limit (site unit), what it counts"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SiteStation',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('csms.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('station', fields.OneToOneField('csms.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='site_membership', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'site_station', 'app': 'csms', 'pk_attr': 'id', 'table_description': "A station's membership of a site (a station belongs to one site at most)."},
            bases=['Model'],
        ),
    ]
