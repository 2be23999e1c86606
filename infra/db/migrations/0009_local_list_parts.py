from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('csms', '0008_message_log_station_index')]

    initial = False

    operations = [
        ops.AddField(
            model_name='StationLocalList',
            name='delivering_version',
            field=fields.IntField(null=True),
        ),
    ]
