from datetime import UTC, datetime

from tortoise import migrations
from tortoise.migrations import operations as ops

# Rows a station's odd values left before the CSMS refused them (issue 24 items 4-5), which
# broke every read that met them: on SQLite, date-times kept with their offset whose instant
# is outside years 1-9999 in UTC (9999-12-31T23:59:59-01:00) and integers beyond 32 bits; on
# both databases, energies a float could not hold (inf). Each is clamped to the nearest value
# the CSMS can read (an energy becomes unknown); no row is dropped.

_STATION_TIMES = {
    "connector_status": ["reported_at"],
    "station_event_data": ["timestamp", "generated_at"],
    "monitoring_report_item": ["generated_at"],
    "device_model_report_part": ["generated_at"],
    "security_event": ["timestamp"],
    "transaction_event": ["timestamp"],
    "charging_transaction": ["started_at", "ended_at", "energy_first_at", "energy_last_at"],
    "meter_sample": ["sampled_at"],
}
_STATION_INTEGERS = {
    "connector_status": ["evse_id", "connector_id"],
    "station_event_data": [
        "evse_id", "connector_id", "seq_no", "event_id", "cause", "variable_monitoring_id"
    ],
    "monitoring_report_item": [
        "evse_id", "connector_id", "request_id", "seq_no", "monitor_id", "severity"
    ],
    "device_variable": ["evse_id", "connector_id"],
    "device_model_report": ["request_id", "final_seq_no"],
    "device_model_report_part": ["seq_no"],
    "charging_transaction": [
        "evse_id", "connector_id", "time_spent_charging", "remote_start_id", "reservation_id",
        "number_of_phases_used", "cable_max_current", "last_seq_no",
    ],
    "transaction_event": ["seq_no"],
    "meter_sample": ["evse_id"],
    "station_local_list": ["acknowledged_version"],
}
_ENERGIES = ["energy_wh", "energy_first_wh", "energy_last_wh"]
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def _readable(text: str) -> str | None:
    """`text` clamped into EARLIEST..LATEST in UTC, or None when it needs no change."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return None
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return str(_LATEST if moment.year == 9999 else _EARLIEST)
    return None


async def _repair_sqlite(client) -> None:
    for table, columns in _STATION_TIMES.items():
        for column in columns:
            rows = await client.execute_query_dict(
                f'SELECT "id", "{column}" AS "value" FROM "{table}" '
                f"WHERE \"{column}\" LIKE '9999-12-31%' OR \"{column}\" LIKE '0001-01-01%'"
            )
            for row in rows:
                clamped = _readable(str(row["value"]))
                if clamped is not None:
                    await client.execute_query(
                        f'UPDATE "{table}" SET "{column}" = ? WHERE "id" = ?', [clamped, row["id"]]
                    )
    for table, columns in _STATION_INTEGERS.items():
        for column in columns:
            for bound, beyond in ((2**31 - 1, ">"), (-(2**31), "<")):
                await client.execute_query(
                    f'UPDATE "{table}" SET "{column}" = {bound} WHERE "{column}" {beyond} {bound}'
                )
    await client.execute_query(
        'UPDATE "meter_sample" SET "multiplier" = 32767 WHERE "multiplier" > 32767'
    )
    await client.execute_query(
        'UPDATE "meter_sample" SET "multiplier" = -32768 WHERE "multiplier" < -32768'
    )


async def _repair(apps, schema_editor) -> None:
    client = schema_editor.client
    sqlite = client.capabilities.dialect == "sqlite"
    if sqlite:
        await _repair_sqlite(client)
    for column in _ENERGIES:
        if sqlite:  # SQLite keeps inf as a REAL beyond the largest float, NaN as NULL
            beyond = f'"{column}" > 1.7976931348623157e308 OR "{column}" < -1.7976931348623157e308'
        else:
            beyond = f"\"{column}\" IN ('Infinity'::float8, '-Infinity'::float8, 'NaN'::float8)"
        await client.execute_query(
            f'UPDATE "charging_transaction" SET "{column}" = NULL WHERE {beyond}'
        )


class Migration(migrations.Migration):
    dependencies = [('csms', '0011_reservations')]

    initial = False

    operations = [ops.RunPython(_repair, ops.RunPython.noop)]
