"""Tortoise models of blocks E and J: transactions, their events and meter samples."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class Transaction(Model):
    """One charging transaction (block E) as merged from its TransactionEvents.

    Events may arrive late, twice or out of order: `last_seq_no` is the highest seqNo merged,
    and state fields (charging state, time spent charging, ...) follow the event with the
    highest seqNo, `started_at`/`ended_at` come from the Started/Ended events whatever their
    arrival order. Energy comes from Energy.Active.Import.Register readings: the earliest
    (`energy_first_*`) and the latest (`energy_last_*`) by timestamp, unless a reading with
    context Transaction.Begin / Transaction.End pins them (the `*_context` columns say so),
    `energy_wh` their difference in Wh.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("transactions")
    transaction_id = fields.CharField(max_length=36)
    evse_id = fields.IntField(null=True)
    connector_id = fields.IntField(null=True)
    id_token = fields.CharField(max_length=36, null=True, db_index=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    group_id_token = fields.CharField(max_length=36, null=True, db_index=True)
    charging_state = fields.CharField(max_length=16, null=True)
    active = fields.BooleanField(default=True)
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    stopped_reason = fields.CharField(max_length=32, null=True)
    last_trigger_reason = fields.CharField(max_length=32, null=True)
    time_spent_charging = fields.IntField(null=True)
    remote_start_id = fields.IntField(null=True)
    reservation_id = fields.IntField(null=True)
    number_of_phases_used = fields.IntField(null=True)
    cable_max_current = fields.IntField(null=True)
    last_seq_no = fields.IntField(null=True)
    event_count = fields.IntField(default=0)
    has_started_event = fields.BooleanField(default=False)
    has_ended_event = fields.BooleanField(default=False)
    energy_first_wh = fields.FloatField(null=True)
    energy_first_at = fields.DatetimeField(null=True)
    energy_first_context = fields.CharField(max_length=24, null=True)
    energy_last_wh = fields.FloatField(null=True)
    energy_last_at = fields.DatetimeField(null=True)
    energy_last_context = fields.CharField(max_length=24, null=True)
    energy_wh = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "charging_transaction"
        unique_together = (("station", "transaction_id"),)
        indexes = (("station_id", "active"), ("active", "started_at"))


TRANSACTION_RECORD_COLUMNS = {
    "energy_start_wh": "energy_first_wh",
    "energy_start_at": "energy_first_at",
    "energy_end_wh": "energy_last_wh",
    "energy_end_at": "energy_last_at",
}
"""The columns of a transaction's record fields named otherwise (the blocks' records call the
energy bounds start and end)."""


class TransactionEventRecord(Model):
    """One TransactionEvent as received, stored once per (transaction, seqNo).

    `payload` is the request as sent (camelCase JSON) and `response` the reply we gave, so a
    repeated event is answered again identically without being stored twice.
    """

    id = fields.BigIntField(primary_key=True)
    transaction: fields.ForeignKeyRelation[Transaction] = fields.ForeignKeyField(
        "csms.Transaction", related_name="events", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    event_type = fields.CharField(max_length=8)
    trigger_reason = fields.CharField(max_length=32)
    timestamp = fields.DatetimeField()
    offline = fields.BooleanField(default=False)
    charging_state = fields.CharField(max_length=16, null=True)
    id_token = fields.CharField(max_length=36, null=True)
    id_token_type = fields.CharField(max_length=20, null=True)
    message_id = fields.CharField(max_length=64, db_index=True)
    payload: fields.JSONField[dict[str, object]] = fields.JSONField()
    response: fields.JSONField[dict[str, object]] = fields.JSONField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "transaction_event"
        unique_together = (("transaction", "seq_no"),)


class MeterSample(Model):
    """One SampledValue (block J), from MeterValues or from a TransactionEvent's meterValue.

    `value` is as sent, in `unit` scaled by 10^`multiplier`, `evse_id` 0 is the main meter,
    `signed_data` is the SignedMeterValueType when the station signed the reading.
    `content_key` is a 64-bit digest of everything else a sample says (source, measurand,
    phase, location, context, unit, multiplier, value, signed data; `meter_values.content_key`):
    a station's sample at one instant on one EVSE is stored once, however often it is resent.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("meter_samples")
    transaction: fields.ForeignKeyNullableRelation[Transaction] = fields.ForeignKeyField(
        "csms.Transaction", related_name="meter_samples", on_delete=fields.CASCADE, null=True
    )
    evse_id = fields.IntField(default=0)
    sampled_at = fields.DatetimeField()
    measurand = fields.CharField(max_length=48)
    phase = fields.CharField(max_length=8, null=True)
    location = fields.CharField(max_length=8, null=True)
    context = fields.CharField(max_length=24, null=True)
    unit = fields.CharField(max_length=20, null=True)
    multiplier = fields.SmallIntField(default=0)
    value = fields.FloatField()
    signed_data: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)
    source = fields.CharField(max_length=16)
    content_key = fields.BigIntField()

    class Meta:
        table = "meter_sample"
        # the natural key; it also serves what an index on (station, sampled_at) served
        unique_together = (("station", "sampled_at", "evse_id", "content_key"),)
        indexes = (("transaction_id", "sampled_at"),)
