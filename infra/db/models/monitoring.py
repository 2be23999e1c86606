"""Tortoise models of block N: NotifyEvent items and reported monitors, the monitors a station
has, monitoring report requests and their parts, alert states."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.columns import ComponentVariableColumns
from infra.db.models.provisioning import station_key, station_one_to_one

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class StationEventData(ComponentVariableColumns):
    """One eventData item of a NotifyEvent (N07), stored as its part arrived.
    Station, generatedAt, seqNo and eventId are its natural key: a part the station resends is
    refused by the unique index. (seqNo starts at 0 in every message and generatedAt may be
    whole seconds, so two messages can share both: the eventId tells their items apart.)"""

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
        unique_together = (("station", "generated_at", "seq_no", "event_id"),)
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


class StationMonitor(ComponentVariableColumns):
    """One variable monitor a station has (N02/N04), by the id the station assigned, with
    the device model's key of its component-variable (`variable_key`)."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("monitors")
    monitor_id = fields.IntField()
    variable_key = fields.CharField(max_length=512)
    type = fields.CharField(max_length=24)
    value = fields.FloatField()
    severity = fields.IntField()
    transaction = fields.BooleanField()
    source = fields.CharField(max_length=24)
    request_id = fields.IntField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "station_monitor"
        unique_together = (("station", "monitor_id"),)


class MonitoringReportRequest(Model):
    """A GetMonitoringReport (N02) by requestId: what was asked, the call's outcome and the
    station's answer, the NotifyMonitoringReport parts counted, completion."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("monitoring_report_requests")
    request_id = fields.IntField()
    criteria: fields.JSONField[list[str]] = fields.JSONField(null=True)
    component_variables: fields.JSONField[list[dict[str, object]]] = fields.JSONField(null=True)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    status = fields.CharField(max_length=16, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    parts = fields.IntField(default=0)
    monitors = fields.IntField(default=0)
    final_seq_no = fields.IntField(null=True)
    last_part_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "monitoring_report_request"
        unique_together = (("station", "request_id"),)


class MonitoringReportPart(Model):
    """One NotifyMonitoringReport part received for a report (each seqNo once)."""

    id = fields.BigIntField(primary_key=True)
    report: fields.ForeignKeyRelation[MonitoringReportRequest] = fields.ForeignKeyField(
        "csms.MonitoringReportRequest", related_name="received_parts", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    monitors = fields.IntField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "monitoring_report_part"
        unique_together = (("report", "seq_no"),)


class StationAlertState(ComponentVariableColumns):
    """The alert state of one component-variable of a station (N07/N08): raised or cleared by
    the newest Alerting (or cleared) eventData item, with its monitor's severity."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("alert_states")
    variable_key = fields.CharField(max_length=512)
    active = fields.BooleanField()
    severity = fields.IntField(null=True)
    trigger = fields.CharField(max_length=16)
    actual_value = fields.TextField()
    event_id = fields.IntField()
    variable_monitoring_id = fields.IntField(null=True)
    monitor_type = fields.CharField(max_length=24, null=True)
    event_notification_type = fields.CharField(max_length=32)
    event_at = fields.DatetimeField()
    raised_at = fields.DatetimeField(null=True)
    cleared_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "station_alert_state"
        unique_together = (("station", "variable_key"),)
        indexes = (("active", "id"),)


class StationMonitoringState(Model):
    """The monitoring base and level a station last accepted from the CSMS (N03, N05)."""

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = station_one_to_one("monitoring_state")
    monitoring_base = fields.CharField(max_length=16, null=True)
    base_set_at = fields.DatetimeField(null=True)
    monitoring_level = fields.IntField(null=True)
    level_set_at = fields.DatetimeField(null=True)

    class Meta:
        table = "station_monitoring_state"
