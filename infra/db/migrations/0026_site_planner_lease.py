from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('csms', '0025_part_keys')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Site',
            name='planner_node',
            field=fields.CharField(max_length=64, null=True),
        ),
        ops.AddField(
            model_name='Site',
            name='planner_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Site',
            name='replan_wanted',
            field=fields.BooleanField(default=False),
        ),
    ]
