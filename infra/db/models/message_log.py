"""Tortoise models of the message log: every OCPP-J frame exchanged with a station."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OcppMessage(Model):
    """One OCPP-J frame as it crossed a station websocket, in or out."""

    id = fields.BigIntField(primary_key=True)
    # No index of its own: (station_id, id) below serves lookups by station, and every
    # index is written for each of the two frames a Heartbeat logs.
    station_id = fields.CharField(max_length=48)
    direction = fields.CharField(max_length=3)
    message_type = fields.SmallIntField(null=True)
    message_id = fields.CharField(max_length=64, null=True)
    action = fields.CharField(max_length=40, null=True)
    frame = fields.TextField()
    created_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "ocpp_message"
        indexes = (("station_id", "id"),)
