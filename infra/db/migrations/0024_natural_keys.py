from hashlib import blake2b

import orjson
from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

# Natural keys the database enforces, so a message a station resends (on a new connection, to
# another node, after a crash between commit and answer) is stored once:
# * meter_sample: (station, sampled_at, evse_id, content_key), content_key a 64-bit digest of
#   the rest of the sample (meter_values.content_key; _content_key below must stay equal to
#   it). The unique index starts with (station_id, sampled_at), so it replaces that index.
# * security_event: (station, type, timestamp, techInfo), techInfo through COALESCE as NULLs
#   are distinct in a unique index. An index on an expression, which the models cannot
#   describe: a later AlterField that rebuilds the SQLite table must create it again.
# Rows stored twice before this are removed first, the oldest (lowest id) of each key kept.

_CHUNK = 5000


class _AddContentKey(ops.AddField):
    """The NOT NULL column on a table that may have rows: added with a default of 0 (SQLite
    refuses NOT NULL without one), filled by _keep_the_oldest; PostgreSQL then drops the
    default, SQLite cannot and keeps it (every INSERT gives the key)."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql(
                'ALTER TABLE "meter_sample" ADD COLUMN "content_key" BIGINT NOT NULL DEFAULT 0'
            )

    async def database_backward(self, app_label, old_state, new_state, state_editor=None):
        if state_editor:
            await state_editor._run_sql('ALTER TABLE "meter_sample" DROP COLUMN "content_key"')
_SAMPLE_COLUMNS = (
    "source", "measurand", "phase", "location", "context", "unit", "multiplier", "value",
    "signed_data",
)


def _content_key(row) -> int:
    signed = row["signed_data"]
    if isinstance(signed, (str, bytes)):
        signed = orjson.loads(signed)
    content = [row[column] for column in _SAMPLE_COLUMNS[:-1]] + [signed]
    content[6] = int(content[6])
    content[7] = float(content[7])
    digest = blake2b(orjson.dumps(content, option=orjson.OPT_SORT_KEYS), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


async def _fill_content_keys(client, dialect: str) -> None:
    columns = ", ".join(f'"{column}"' for column in _SAMPLE_COLUMNS)
    last = 0
    while True:
        rows = await client.execute_query_dict(
            f'SELECT "id", {columns} FROM "meter_sample" WHERE "id" > {last} '
            f'ORDER BY "id" LIMIT {_CHUNK}'
        )
        if not rows:
            return
        pairs = [(row["id"], _content_key(row)) for row in rows]
        if dialect == "sqlite":
            values = ", ".join("(?, ?)" for _ in pairs)
            sql = (
                f'WITH "k"("id", "key") AS (VALUES {values}) UPDATE "meter_sample" SET '
                '"content_key" = (SELECT "key" FROM "k" WHERE "k"."id" = "meter_sample"."id") '
                'WHERE "id" IN (SELECT "id" FROM "k")'
            )
        else:
            values = ", ".join(
                f"(${2 * i + 1}::bigint, ${2 * i + 2}::bigint)" for i in range(len(pairs))
            )
            sql = (
                f'UPDATE "meter_sample" AS s SET "content_key" = k."key" FROM (VALUES {values}) '
                'AS k("id", "key") WHERE s."id" = k."id"'
            )
        await client.execute_query(sql, [value for pair in pairs for value in pair])
        last = pairs[-1][0]


_SECURITY_KEY = '"station_id", "type", "timestamp", COALESCE("tech_info", \'\')'
_SECURITY_INDEX = "uid_security_event_natural_key"

_DUPLICATES = """
DELETE FROM "{table}" WHERE "id" IN (
    SELECT "id" FROM (
        SELECT "id", ROW_NUMBER() OVER (PARTITION BY {key} ORDER BY "id") AS "n" FROM "{table}"
    ) AS "numbered" WHERE "n" > 1
)
"""


async def _keep_the_oldest(apps, schema_editor) -> None:
    client = schema_editor.client
    await _fill_content_keys(client, client.capabilities.dialect)
    for table, key in (
        ("meter_sample", '"station_id", "sampled_at", "evse_id", "content_key"'),
        ("security_event", _SECURITY_KEY),
    ):
        await client.execute_query(_DUPLICATES.format(table=table, key=key))
    if client.capabilities.dialect != "sqlite":
        await client.execute_query(
            'ALTER TABLE "meter_sample" ALTER COLUMN "content_key" DROP DEFAULT'
        )


class Migration(migrations.Migration):
    dependencies = [('csms', '0023_sites')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='MeterSample',
            name=None,
            fields=['station_id', 'sampled_at'],
        ),
        _AddContentKey(
            model_name='MeterSample',
            name='content_key',
            field=fields.BigIntField(),
        ),
        ops.RunPython(_keep_the_oldest, ops.RunPython.noop),
        ops.AddConstraint(
            model_name='MeterSample',
            constraint=UniqueConstraint(fields=('station', 'sampled_at', 'evse_id', 'content_key'), name=None),
        ),
        ops.RunSQL(
            f'CREATE UNIQUE INDEX "{_SECURITY_INDEX}" ON "security_event" ({_SECURITY_KEY})',
            f'DROP INDEX "{_SECURITY_INDEX}"',
        ),
    ]
