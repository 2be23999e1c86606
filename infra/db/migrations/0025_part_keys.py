from datetime import UTC, datetime
from hashlib import blake2b

import orjson
from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

# Natural keys of multi-part station messages the database enforces, so a part a station
# resends (on a new connection, to another node, to two workers at once) is stored once:
# * station_event_data: (station, generatedAt, seqNo, eventId) of a NotifyEvent item. Items
#   stored twice before this are removed first, the oldest (lowest id) of each kept. The
#   unique index starts with (station_id, generated_at, seq_no), so it replaces that index.
# * charging_profile_report_part: (request, digest of the part's key) of a
#   ReportChargingProfiles, which has no seqNo. The keys the request row held in JSON
#   (part_keys) move to it; _part_digest must stay equal to ocpp_parts.part_digest.
# * display_message_part: (request, digest of the part's key) of a NotifyDisplayMessages, no
#   seqNo either. Parts received before this left no key, so it starts empty.
# NotifyReport, NotifyMonitoringReport and NotifyCustomerInformation parts had such a key
# already: (report, seqNo) unique, counted under the report row's lock.


class _DropPartKeys(ops.RemoveField):
    """An ALTER TABLE ... DROP COLUMN in both dialects: SQLite's way of removing a field
    rebuilds the table, and dropping the old table would delete, through the ON DELETE
    CASCADE of their foreign key, the part rows just moved in."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql(
                'ALTER TABLE "charging_profile_request" DROP COLUMN "part_keys"'
            )

    async def database_backward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql(
                'ALTER TABLE "charging_profile_request" ADD COLUMN "part_keys" JSON NOT NULL '
                "DEFAULT '[]'"
            )


_DUPLICATE_ITEMS = """
DELETE FROM "station_event_data" WHERE "id" IN (
    SELECT "id" FROM (
        SELECT "id", ROW_NUMBER() OVER (
            PARTITION BY "station_id", "generated_at", "seq_no", "event_id" ORDER BY "id"
        ) AS "n" FROM "station_event_data"
    ) AS "numbered" WHERE "n" > 1
)
"""

_CHUNK = 1000


def _part_digest(key: str) -> int:
    digest = blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


async def _move_profile_part_keys(client) -> None:
    marks = "?, ?, ?" if client.capabilities.dialect == "sqlite" else "$1, $2, $3"
    insert = (
        'INSERT INTO "charging_profile_report_part" ("request_id", "part_key", "received_at") '
        f"VALUES ({marks}) ON CONFLICT DO NOTHING"
    )
    now = datetime.now(UTC)
    last = 0
    while True:
        rows = await client.execute_query_dict(
            'SELECT "id", "part_keys", "completed_at" FROM "charging_profile_request" '
            f'WHERE "id" > {last} ORDER BY "id" LIMIT {_CHUNK}'
        )
        if not rows:
            return
        for row in rows:
            keys = row["part_keys"]
            if isinstance(keys, (str, bytes)):
                keys = orjson.loads(keys)
            for key in keys or []:
                received = row["completed_at"] or now
                await client.execute_query(insert, [row["id"], _part_digest(str(key)), received])
        last = rows[-1]["id"]


async def _keep_the_oldest(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_query(_DUPLICATE_ITEMS)
    await _move_profile_part_keys(client)


class Migration(migrations.Migration):
    dependencies = [('csms', '0024_natural_keys')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChargingProfileReportPart',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('csms.ChargingProfileRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='received_parts', on_delete=OnDelete.CASCADE)),
                ('part_key', fields.BigIntField()),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'charging_profile_report_part', 'app': 'csms', 'unique_together': (('request', 'part_key'),), 'pk_attr': 'id', 'table_description': 'One ReportChargingProfiles part received for a request (K09). The message has no'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisplayMessagePart',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('request', fields.ForeignKeyField('csms.DisplayMessageRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='received_parts', on_delete=OnDelete.CASCADE)),
                ('part_key', fields.BigIntField()),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'display_message_part', 'app': 'csms', 'unique_together': (('request', 'part_key'),), 'pk_attr': 'id', 'table_description': 'One NotifyDisplayMessages part received for a request (O03/O04). The message has no'},
            bases=['Model'],
        ),
        ops.RunPython(_keep_the_oldest, ops.RunPython.noop),
        _DropPartKeys(model_name='ChargingProfileRequest', name='part_keys'),
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
