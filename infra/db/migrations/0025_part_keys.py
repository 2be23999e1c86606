from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import UniqueConstraint

# Natural keys of multi-part station messages the database enforces, so a part a station
# resends (on a new connection, to another node, to two workers at once) is stored once:
# * station_event_data: (station, generatedAt, seqNo, eventId) of a NotifyEvent item. Items
#   stored twice before this are removed first, the oldest (lowest id) of each kept. The
#   unique index starts with (station_id, generated_at, seq_no), so it replaces that index.
# NotifyReport, NotifyMonitoringReport and NotifyCustomerInformation parts had such a key
# already: (report, seqNo) unique, counted under the report row's lock.


_DUPLICATE_ITEMS = """
DELETE FROM "station_event_data" WHERE "id" IN (
    SELECT "id" FROM (
        SELECT "id", ROW_NUMBER() OVER (
            PARTITION BY "station_id", "generated_at", "seq_no", "event_id" ORDER BY "id"
        ) AS "n" FROM "station_event_data"
    ) AS "numbered" WHERE "n" > 1
)
"""


async def _keep_the_oldest(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_query(_DUPLICATE_ITEMS)


class Migration(migrations.Migration):
    dependencies = [('csms', '0024_natural_keys')]

    initial = False

    operations = [
        ops.RunPython(_keep_the_oldest, ops.RunPython.noop),
        ops.RemoveIndex(
            model_name='StationEventData',
            name=None,
            fields=['station_id', 'generated_at', 'seq_no'],
        ),
        ops.AddConstraint(
            model_name='StationEventData',
            constraint=UniqueConstraint(fields=('station', 'generated_at', 'seq_no', 'event_id'), name=None),
        ),
    ]
