"""Tortoise models of block H: reservations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class Reservation(Model):
    """A ReserveNow the CSMS sent (H01), what the station answered, and how it ended.

    `reservation_id` is the id the CSMS allocated (unique per station). `status` is the
    station's ReserveNow answer (null until it answered); `ended_at`/`end_reason` are set once
    the reservation is over (Rejected, NotDelivered, Cancelled, Expired, Removed, Used), with
    `transaction_id` and `token_matched` for one a transaction used. An Accepted reservation
    past its `expiry_date_time` reads as Expired even before the sweep writes it so.
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("reservations")
    reservation_id = fields.IntField()
    evse_id = fields.IntField(null=True)
    connector_type = fields.CharField(max_length=20, null=True)
    id_token = fields.CharField(max_length=36)
    id_token_type = fields.CharField(max_length=20)
    group_id_token = fields.CharField(max_length=36, null=True)
    group_id_token_type = fields.CharField(max_length=20, null=True)
    expiry_date_time = fields.DatetimeField()
    requested_at = fields.DatetimeField()
    status = fields.CharField(max_length=16, null=True)
    answered_at = fields.DatetimeField(null=True)
    cancel_status = fields.CharField(max_length=16, null=True)
    cancel_answered_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    end_reason = fields.CharField(max_length=16, null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    token_matched = fields.BooleanField(null=True)

    class Meta:
        table = "reservation"
        unique_together = (("station", "reservation_id"),)
        indexes = (("station_id", "id"), ("ended_at", "expiry_date_time"))
