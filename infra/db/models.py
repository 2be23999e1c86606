"""The one set of Tortoise ORM models."""

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


class ConnectorStatus(Model):
    """The last reported status of one connector of one EVSE."""

    id = fields.IntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = fields.ForeignKeyField(
        "csms.Station", related_name="connectors", on_delete=fields.CASCADE
    )
    evse_id = fields.IntField()
    connector_id = fields.IntField()
    status = fields.CharField(max_length=16)
    reported_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "connector_status"
        unique_together = (("station", "evse_id", "connector_id"),)


class OcppMessage(Model):
    """One OCPP-J frame as it crossed a station websocket, in or out."""

    id = fields.BigIntField(primary_key=True)
    station_id = fields.CharField(max_length=48, db_index=True)
    direction = fields.CharField(max_length=3)
    message_type = fields.SmallIntField(null=True)
    message_id = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=40, null=True)
    frame = fields.TextField()
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "ocpp_message"
        indexes = (("station_id", "id"),)
