"""Tortoise models of block F: remote starts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_key

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


class RemoteStart(Model):
    """A RequestStartTransaction the CSMS sent (F01/F02) and what the station answered.

    The transaction it started is the one of the same station carrying the same
    remoteStartId (`Transaction.remote_start_id`), `transaction_id` is filled from the
    station's answer when it reports a transaction already running (F02).
    """

    id = fields.BigIntField(primary_key=True)
    station: fields.ForeignKeyRelation[Station] = station_key("remote_starts")
    remote_start_id = fields.IntField()
    id_token = fields.CharField(max_length=36)
    id_token_type = fields.CharField(max_length=20)
    evse_id = fields.IntField(null=True)
    status = fields.CharField(max_length=16, null=True)
    transaction_id = fields.CharField(max_length=36, null=True)
    requested_at = fields.DatetimeField()
    answered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "remote_start"
        unique_together = (("station", "remote_start_id"),)
