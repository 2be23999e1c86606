"""Tortoise models of block D:
local authorization lists, their entries and removals, and which station uses which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from infra.db.models.provisioning import station_one_to_one

if TYPE_CHECKING:
    from infra.db.models.authorization import IdToken
    from infra.db.models.provisioning import Station


class LocalAuthList(Model):
    """A versioned local authorization list (D01/D02), shared by the stations assigned to it.

    `version` grows by one on every change of its entries, the entries' own `changed_version`
    and the removals' `removed_version` let a Differential update carry only what changed
    since a station's acknowledged version.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    version = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "local_auth_list"


class LocalAuthListEntry(Model):
    """An id token on a local list, its idTokenInfo is built from the registry when sent."""

    id = fields.BigIntField(primary_key=True)
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="entries", on_delete=fields.CASCADE
    )
    id_token: fields.ForeignKeyRelation[IdToken] = fields.ForeignKeyField(
        "csms.IdToken", related_name="list_entries", on_delete=fields.CASCADE
    )
    changed_version = fields.IntField()

    class Meta:
        table = "local_auth_list_entry"
        unique_together = (("auth_list", "id_token"),)


class LocalAuthListRemoval(Model):
    """An id token taken off a local list at `removed_version` (for Differential updates)."""

    id = fields.BigIntField(primary_key=True)
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="removals", on_delete=fields.CASCADE
    )
    value = fields.CharField(max_length=36)
    type = fields.CharField(max_length=20)
    removed_version = fields.IntField()

    class Meta:
        table = "local_auth_list_removal"
        indexes = (("auth_list_id", "removed_version"),)


class StationLocalList(Model):
    """Which local list a station uses and what the station holds of it.

    `acknowledged_version` is the version the station confirmed (SendLocalList Accepted, or
    GetLocalListVersion), `last_status` the station's last SendLocalList answer,
    `delivering_version` the version a multi-part update under way ends at (a part below it
    leaves the acknowledged version unknown: the station holds only some of the list).
    """

    id = fields.IntField(primary_key=True)
    station: fields.OneToOneRelation[Station] = station_one_to_one("local_list")
    auth_list: fields.ForeignKeyRelation[LocalAuthList] = fields.ForeignKeyField(
        "csms.LocalAuthList", related_name="stations", on_delete=fields.CASCADE
    )
    acknowledged_version = fields.IntField(null=True)
    delivering_version = fields.IntField(null=True)
    last_status = fields.CharField(max_length=16, null=True)
    last_attempt_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "station_local_list"
