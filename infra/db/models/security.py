"""Tortoise models of block A: security events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class SecurityEvent(Model):
    """A SecurityEventNotification (A04) as a station sent it."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("security_events")
    type = fields.CharField(max_length=50)
    timestamp = fields.DatetimeField()
    tech_info = fields.CharField(max_length=255, null=True)
    received_at = fields.DatetimeField()

    class Meta:
        table = "security_event"
        indexes = (("station_id", "id"),)
        # The natural key, a unique index migration 0017 made (Tortoise cannot describe one on
        # an expression): station, type, timestamp and COALESCE(tech_info, '').
