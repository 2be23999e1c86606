"""Tortoise models of block P: data transfers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class DataTransferRecord(Model):
    """A DataTransfer (P01/P02) in either direction and its answer, data as JSON text."""

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("data_transfers")
    direction = fields.CharField(max_length=12)
    vendor_id = fields.CharField(max_length=255)
    message_id = fields.CharField(max_length=50, null=True)
    data = fields.TextField(null=True)
    outcome = fields.CharField(max_length=10)
    status = fields.CharField(max_length=16, null=True)
    reason_code = fields.CharField(max_length=20, null=True)
    additional_info = fields.CharField(max_length=512, null=True)
    response_data = fields.TextField(null=True)
    error_code = fields.CharField(max_length=40, null=True)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "data_transfer"
        indexes = (("station_id", "id"),)
