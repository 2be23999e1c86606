"""Tortoise models of block B provisioning:
stations, connector statuses, boot policy, boot configuration and history, network profiles.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Station(Model):
    """A charging station as registered and as it last described itself."""

    id = fields.CharField(primary_key=True, max_length=48)
    password_hash = fields.CharField(max_length=200, null=True)
    security_profile = fields.SmallIntField(default=1)
    registration_status = fields.CharField(max_length=16, null=True)
    vendor_name = fields.CharField(max_length=50, null=True)
    model = fields.CharField(max_length=20, null=True)
    serial_number = fields.CharField(max_length=25, null=True)
    firmware_version = fields.CharField(max_length=50, null=True)
    modem_iccid = fields.CharField(max_length=20, null=True)
    modem_imsi = fields.CharField(max_length=20, null=True)
    online = fields.BooleanField(default=False)
    connected_node = fields.CharField(max_length=64, null=True)
    connection_id = fields.CharField(max_length=36, null=True)
    last_seen_at = fields.DatetimeField(null=True)
    last_boot_at = fields.DatetimeField(null=True)
    last_boot_reason = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station"


def station_key(related_name: str) -> fields.ForeignKeyRelation[Station]:
    """The station a row belongs to, one of many (`related_name` lists them on the station);
    the row is deleted with its station."""
    return fields.ForeignKeyField(
        "csms.Station", related_name=related_name, on_delete=fields.CASCADE
    )


def station_one_to_one(related_name: str) -> fields.OneToOneRelation[Station]:
    """The station a row belongs to, its only one (`related_name` names it on the station);
    the row is deleted with its station."""
    return fields.OneToOneField("csms.Station", related_name=related_name, on_delete=fields.CASCADE)


class ConnectorStatus(Model):
    """The last reported status of one connector of one EVSE."""

    id = fields.IntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("connectors")
    evse_id = fields.IntField()
    connector_id = fields.IntField()
    status = fields.CharField(max_length=16)
    reported_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "connector_status"
        unique_together = (("station", "evse_id", "connector_id"),)


class StationBootPolicy(Model):
    """What a booting station is told (B01-B03), overriding the fleet default.

    `interval` overrides the retry interval of Pending and Rejected answers.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = station_one_to_one("boot_policy")
    status = fields.CharField(max_length=16, null=True)
    interval = fields.IntField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station_boot_policy"


class BootConfiguration(Model):
    """What the CSMS sets and fetches while a station is Pending, before accepting it.

    `variables` is a list of {component, componentInstance, evseId, connectorId, variable,
    variableInstance, attributeType, value}; `applied_at` is set once everything succeeded.
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = station_one_to_one("boot_configuration")
    variables: fields.JSONField[list[dict[str, object]]] = fields.JSONField(default=list)
    fetch_report = fields.BooleanField(default=False)
    report_base = fields.CharField(max_length=24, default="FullInventory")
    applied_at = fields.DatetimeField(null=True)
    last_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "boot_configuration"


class BootRecord(Model):
    """One BootNotification as received, with the status it was answered."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("boot_records")
    booted_at = fields.DatetimeField()
    reason = fields.CharField(max_length=32)
    vendor_name = fields.CharField(max_length=50)
    model = fields.CharField(max_length=20)
    firmware_version = fields.CharField(max_length=50, null=True)
    status = fields.CharField(max_length=16)
    interval = fields.IntField()

    class Meta:
        table = "boot_record"
        indexes = (("station_id", "id"),)


class NetworkProfile(Model):
    """A network connection profile a station accepted in one configuration slot (B09)."""

    id = fields.IntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("network_profiles")
    configuration_slot = fields.IntField()
    connection_data: fields.JSONField[dict[str, object]] = fields.JSONField()
    status = fields.CharField(max_length=16)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "network_profile"
        unique_together = (("station", "configuration_slot"),)
