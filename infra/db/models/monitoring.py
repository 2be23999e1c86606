"""Tortoise models of block N: NotifyEvent items and reported monitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields

from infra.db.models.columns import ComponentVariableColumns
from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class StationEventData(ComponentVariableColumns):
    """One eventData item of a NotifyEvent (N07), stored as its part arrived."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("event_data")
    generated_at = fields.DatetimeField()
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    event_id = fields.IntField()
    timestamp = fields.DatetimeField()
    trigger = fields.CharField(max_length=16)
    cause = fields.IntField(null=True)
    actual_value = fields.TextField()
    tech_code = fields.CharField(max_length=50, null=True)
    tech_info = fields.TextField(null=True)
    cleared = fields.BooleanField(null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    variable_monitoring_id = fields.IntField(null=True)
    event_notification_type = fields.CharField(max_length=32)
    received_at = fields.DatetimeField()

    class Meta:
        table = "station_event_data"
        indexes = (("station_id", "id"),)


class MonitoringReportItem(ComponentVariableColumns):
    """One variable monitor reported by a NotifyMonitoringReport part (N02)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("monitoring_report_items")
    request_id = fields.IntField()
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    generated_at = fields.DatetimeField()
    monitor_id = fields.IntField()
    transaction = fields.BooleanField()
    type = fields.CharField(max_length=24)
    severity = fields.IntField()
    value = fields.FloatField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "monitoring_report_item"
        indexes = (("station_id", "request_id", "id"),)
