from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# ocpp_message.station_id loses its own index: ("station_id", "id") serves lookups by station.
# Only the index is dropped: Tortoise's AlterField rebuilds the table on SQLite and the rebuilt
# table keeps none of its indexes.
_INDEX = "idx_ocpp_messag_station_30162a"


class _DropStationIndex(ops.AlterField):
    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql(f'DROP INDEX IF EXISTS "{_INDEX}"')

    async def database_backward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql(
                f'CREATE INDEX IF NOT EXISTS "{_INDEX}" ON "ocpp_message" ("station_id")'
            )


class Migration(migrations.Migration):
    dependencies = [('csms', '0007_energy_pins')]

    initial = False

    operations = [
        _DropStationIndex(
            model_name='OcppMessage',
            name='station_id',
            field=fields.CharField(max_length=48),
        ),
    ]
