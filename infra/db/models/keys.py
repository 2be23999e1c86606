"""The keys most tables share: a row's station, the row deleted with its station."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields

if TYPE_CHECKING:
    from infra.db.models.provisioning import Station


def station_key(related_name: str) -> fields.ForeignKeyRelation[Station]:
    """The station a row belongs to, one of many (`related_name` lists them on the station)."""
    return fields.ForeignKeyField(
        "csms.Station", related_name=related_name, on_delete=fields.CASCADE
    )


def station_one_to_one(related_name: str) -> fields.OneToOneRelation[Station]:
    """The station a row belongs to, its only one (`related_name` names it on the station)."""
    return fields.OneToOneField("csms.Station", related_name=related_name, on_delete=fields.CASCADE)
