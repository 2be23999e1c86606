"""The writes of a TransactionEvent or MeterValues as hand-written statements (store code:
only `store.py` uses this file).

A TransactionEvent stores its sampled values, the event (with the reply it gets) and the
merged transaction row. Through the ORM these were three statements built anew each time, and
building them cost more Python time than the database took to run them. On PostgreSQL the
three now go in one statement: the two INSERTs as data-modifying CTEs of the row's UPDATE, so
one round trip instead of three (every part runs, and any failing part fails the whole
statement). SQLite runs them one after the other, in-process. Samples go in with `ON CONFLICT
DO NOTHING`: one already stored under its natural key (station, time, EVSE, content key) is
skipped, so a resent MeterValues stores nothing twice and still commits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import orjson

from infra.db.models import MeterSample, Transaction, TransactionEventRecord
from infra.db.sql import current_client
from infra.db.writes import Parameters, insert_rows, insert_sql, update_sql
from modules.transactions.meter_values import Sample
from modules.transactions.policy import EventFacts

SAMPLE_COLUMNS = (
    "station_id",
    "transaction_id",
    "evse_id",
    "sampled_at",
    "measurand",
    "phase",
    "location",
    "context",
    "unit",
    "multiplier",
    "value",
    "signed_data",
    "source",
    "content_key",
)
EVENT_COLUMNS = (
    "transaction_id",
    "seq_no",
    "event_type",
    "trigger_reason",
    "timestamp",
    "offline",
    "charging_state",
    "id_token",
    "id_token_type",
    "message_id",
    "payload",
    "response",
    "received_at",
)
# More samples than this in one TransactionEvent go in INSERTs of their own.
MAX_SAMPLES_IN_ONE_STATEMENT = 64

_SAMPLES = MeterSample._meta.db_table
_EVENTS = TransactionEventRecord._meta.db_table
_TRANSACTIONS = Transaction._meta.db_table


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


def sample_rows(
    station_id: str,
    evse_id: int,
    samples: Sequence[Sample],
    source: str,
    transaction_pk: int | None = None,
) -> list[list[Any]]:
    """The `meter_sample` rows of `samples`, values in SAMPLE_COLUMNS order."""
    return [
        [
            station_id,
            transaction_pk,
            evse_id,
            sample.sampled_at,
            sample.measurand,
            sample.phase,
            sample.location,
            sample.context,
            sample.unit,
            sample.multiplier,
            sample.value,
            _json(sample.signed_data),
            source,
            sample.key(source),
        ]
        for sample in samples
    ]


def event_row(
    transaction_pk: int,
    facts: EventFacts,
    message_id: str,
    payload: dict[str, Any],
    response: dict[str, Any],
    received_at: datetime,
) -> list[Any]:
    """The `transaction_event` row of one event and its reply, in EVENT_COLUMNS order."""
    return [
        transaction_pk,
        facts.seq_no,
        facts.event_type,
        facts.trigger_reason,
        facts.timestamp,
        facts.offline,
        facts.charging_state,
        facts.id_token,
        facts.id_token_type,
        message_id,
        _json(payload),
        _json(response),
        received_at,
    ]


async def insert_samples(rows: Sequence[Sequence[Any]]) -> int:
    """Insert `meter_sample` rows (sample_rows), skipping those already stored; how many
    were new."""
    return await insert_rows(_SAMPLES, SAMPLE_COLUMNS, rows, skip_duplicates=True)


async def save_transaction_event(
    transaction_pk: int,
    changed: Mapping[str, Any],
    event: Sequence[Any],
    samples: Sequence[Sequence[Any]],
) -> None:
    """Store the event row, its sample rows and the `changed` columns of the (locked)
    transaction row."""
    client = current_client()
    dialect = client.capabilities.dialect
    where = {"id": transaction_pk}
    if dialect != "postgres" or len(samples) > MAX_SAMPLES_IN_ONE_STATEMENT:
        await insert_samples(samples)
        await insert_rows(_EVENTS, EVENT_COLUMNS, [event])
        update = Parameters(dialect)
        await client.execute_query(update_sql(_TRANSACTIONS, changed, where, update), update.values)
        return
    params = Parameters(dialect)
    parts = []
    if samples:
        insert = insert_sql(_SAMPLES, SAMPLE_COLUMNS, samples, params, skip_duplicates=True)
        parts.append(f"samples AS ({insert})")
    parts.append(f"events AS ({insert_sql(_EVENTS, EVENT_COLUMNS, [event], params)})")
    sql = f"WITH {', '.join(parts)} {update_sql(_TRANSACTIONS, changed, where, params)}"
    await client.execute_query(sql, params.values)
