from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('csms', '0009_local_list_parts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='StationDeviceState',
            name='heartbeat_interval',
            field=fields.IntField(null=True),
        ),
    ]
