"""Tortoise models of block B device model:
variables, attributes, reports and their parts, reboot state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.columns import ComponentVariableColumns
from infra.db.models.provisioning import station_key, station_one_to_one

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class DeviceVariable(ComponentVariableColumns):
    """One component-variable of a station's device model, with its characteristics.

    `key` is the variable's identity, lower-cased (OCPP names are case-insensitive) with
    absent instances and EVSE/connector as empty parts: unique per station, it is what the
    bulk upsert conflicts on and what the device-model query pages by.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("device_variables")
    key = fields.CharField(max_length=512)
    data_type = fields.CharField(max_length=16, null=True)
    unit = fields.CharField(max_length=16, null=True)
    min_limit = fields.FloatField(null=True)
    max_limit = fields.FloatField(null=True)
    values_list = fields.TextField(null=True)
    supports_monitoring = fields.BooleanField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "device_variable"
        unique_together = (("station", "key"),)


class DeviceAttribute(Model):
    """One attribute (Actual, Target, MinSet, MaxSet) of a device-model variable."""

    id = fields.BigIntField(primary_key=True)
    variable: fields.ForeignKeyRelation[DeviceVariable] = fields.ForeignKeyField(
        "csms.DeviceVariable", related_name="attributes", on_delete=fields.CASCADE
    )
    type = fields.CharField(max_length=8)
    value = fields.TextField(null=True)
    mutability = fields.CharField(max_length=9, null=True)
    persistent = fields.BooleanField(null=True)
    constant = fields.BooleanField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "device_attribute"
        unique_together = (("variable", "type"),)


class DeviceModelReport(Model):
    """A device-model report of a station (GetBaseReport/GetReport and its NotifyReports),
    keyed by the request id; `kind` is null for a report this CSMS did not request."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("device_model_reports")
    request_id = fields.IntField()
    kind = fields.CharField(max_length=16, null=True)
    report_base = fields.CharField(max_length=24, null=True)
    request: fields.JSONField[object] = fields.JSONField(null=True)
    requested_at = fields.DatetimeField(null=True)
    outcome = fields.CharField(max_length=10, null=True)
    status = fields.CharField(max_length=16, null=True)
    status_reason = fields.CharField(max_length=20, null=True)
    error_code = fields.CharField(max_length=40, null=True)
    parts = fields.IntField(default=0)
    variables = fields.IntField(default=0)
    final_seq_no = fields.IntField(null=True)
    last_part_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "device_model_report"
        unique_together = (("station", "request_id"),)


class DeviceModelReportPart(Model):
    """One NotifyReport part as received (a repeated seqNo is not stored twice)."""

    id = fields.BigIntField(primary_key=True)
    report: fields.ForeignKeyRelation[DeviceModelReport] = fields.ForeignKeyField(
        "csms.DeviceModelReport", related_name="report_parts", on_delete=fields.CASCADE
    )
    seq_no = fields.IntField()
    tbc = fields.BooleanField()
    items = fields.IntField()
    generated_at = fields.DatetimeField()
    received_at = fields.DatetimeField()

    class Meta:
        table = "device_model_report_part"
        unique_together = (("report", "seq_no"),)


class StationDeviceState(Model):
    """Device-model facts about a station that are not part of its registration.

    `heartbeat_interval` is the OCPPCommCtrlr.HeartbeatInterval the CSMS set and the station
    took (SetVariables Accepted or RebootRequired); its boots are answered with it.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = station_one_to_one("device_state")
    reboot_required_at = fields.DatetimeField(null=True)
    heartbeat_interval = fields.IntField(null=True)

    class Meta:
        table = "station_device_state"
