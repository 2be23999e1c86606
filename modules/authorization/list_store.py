"""What delivering a local list needs from the database: the station's assignment, the
list's entries with their idTokenInfo as the registry says now, the removals, the station's
SendLocalList limits from its device model, and recording what the station acknowledged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from infra.db.models import (
    DeviceAttribute,
    IdToken,
    LocalAuthList,
    LocalAuthListEntry,
    LocalAuthListRemoval,
    Station,
    StationLocalList,
)
from modules.authorization import policy
from modules.authorization.convert import id_token_info, known_token
from modules.authorization.list_plan import DEFAULT_ITEMS_PER_MESSAGE, ListEntry, Removal
from modules.kernel import codec

CONTROLLER = "localauthlistctrlr"
ITEMS_VARIABLES = ("itemspermessage", "itemspermessagesendlocallist")
BYTES_VARIABLES = ("bytespermessage", "bytespermessagesendlocallist")
ENTRIES_VARIABLE = "entries"


@dataclass(frozen=True, slots=True)
class Limits:
    """A station's SendLocalList limits: items and bytes per message, list capacity."""

    items_per_message: int = DEFAULT_ITEMS_PER_MESSAGE
    bytes_per_message: int | None = None
    max_entries: int | None = None


@dataclass(frozen=True, slots=True)
class StationList:
    """A station's assignment and the state of its list."""

    station_id: str
    list_name: str
    version: int
    acknowledged: int | None
    entries: tuple[ListEntry, ...]
    removals: tuple[Removal, ...]


def _positive(text: str | None) -> int | None:
    try:
        number = int(float(text)) if text is not None else None
    except ValueError:
        return None
    return number if number is not None and number > 0 else None


async def limits_of(station_id: str) -> Limits:
    """ItemsPerMessage, BytesPerMessage (Actual) and the Entries maxLimit (D01.FR.11/12) of
    LocalAuthListCtrlr, as far as the stored device model knows them."""
    rows = await DeviceAttribute.filter(
        variable__station_id=station_id,
        variable__key__startswith=CONTROLLER,
        type="Actual",
    ).values("value", "variable__component_name", "variable__variable_name", "variable__max_limit")
    items = bytes_ = entries = None
    for row in rows:
        if str(row["variable__component_name"]).lower() != CONTROLLER:
            continue
        name = str(row["variable__variable_name"]).lower()
        if name in ITEMS_VARIABLES:
            items = _positive(row["value"])
        elif name in BYTES_VARIABLES:
            bytes_ = _positive(row["value"])
        elif name == ENTRIES_VARIABLE and row["variable__max_limit"] is not None:
            entries = int(row["variable__max_limit"])
    return Limits(items or DEFAULT_ITEMS_PER_MESSAGE, bytes_, entries)


async def _group_rows(rows: list[IdToken]) -> dict[tuple[str, str], IdToken]:
    keys = {
        (row.group_id_token, row.group_id_token_type)
        for row in rows
        if row.group_id_token is not None and row.group_id_token_type is not None
    }
    if not keys:
        return {}
    match = Q()
    for value, kind in keys:
        match |= Q(value=value, type=kind)
    found = await IdToken.filter(match)
    return {(row.value, row.type): row for row in found if (row.value, row.type) in keys}


def _info_json(decision: policy.Decision) -> dict[str, Any]:
    encoded: dict[str, Any] = codec.encode(id_token_info(decision))
    return encoded


async def load_entries(list_id: int, now: datetime) -> tuple[ListEntry, ...]:
    """The list's entries with the idTokenInfo the registry gives each now (group status
    applied, C09), in a stable order."""
    entries = await LocalAuthListEntry.filter(auth_list_id=list_id).prefetch_related("id_token")
    tokens = [entry.id_token for entry in entries]
    groups = await _group_rows(tokens)
    result: list[ListEntry] = []
    for entry in sorted(entries, key=lambda e: e.id):
        row = entry.id_token
        group = None
        if row.group_id_token is not None and row.group_id_token_type is not None:
            group = groups.get((row.group_id_token, row.group_id_token_type))
        if group is not None and group.id == row.id:
            group = None
        decision = policy.decide(
            known_token(row), now, group=known_token(group) if group is not None else None
        )
        result.append(ListEntry(row.value, row.type, entry.changed_version, _info_json(decision)))
    return tuple(result)


async def load_station_list(station_id: str, now: datetime) -> StationList | None:
    """The station's list as it should be delivered now; None when it uses no list."""
    assignment = await StationLocalList.get_or_none(station_id=station_id).prefetch_related(
        "auth_list"
    )
    if assignment is None:
        return None
    auth_list: LocalAuthList = assignment.auth_list
    removals = await LocalAuthListRemoval.filter(auth_list_id=auth_list.id).order_by("id")
    return StationList(
        station_id=station_id,
        list_name=auth_list.name,
        version=auth_list.version,
        acknowledged=assignment.acknowledged_version,
        entries=await load_entries(auth_list.id, now),
        removals=tuple(Removal(r.value, r.type, r.removed_version) for r in removals),
    )


async def uses_a_list(station_id: str) -> bool:
    """Whether the station is assigned a local list (one indexed lookup; returning stations
    are first asked about in batches, `list_users`)."""
    return await StationLocalList.filter(station_id=station_id).exists()


async def accepts_automatic_delivery(station_id: str) -> bool:
    """Whether the station is online and its boot was Accepted (lists are not pushed to
    Pending or Rejected stations)."""
    return await Station.filter(id=station_id, online=True, registration_status="Accepted").exists()


async def record_answer(
    station_id: str, status: str, now: datetime, acknowledged: int | None, keep_ack: bool
) -> tuple[int | None, int | None]:
    """Store the station's last SendLocalList status (and the acknowledged version unless
    `keep_ack`); returns (old, new) acknowledged versions, (None, None) without assignment."""
    assignment = await StationLocalList.get_or_none(station_id=station_id)
    if assignment is None:
        return None, None
    old = assignment.acknowledged_version
    assignment.last_status = status
    assignment.last_attempt_at = now
    if not keep_ack:
        assignment.acknowledged_version = acknowledged
    await assignment.save()
    return old, assignment.acknowledged_version


async def forget_acknowledged(station_id: str) -> None:
    """The station's list version is no longer known (a multi-part update broke off)."""
    await StationLocalList.filter(station_id=station_id).update(acknowledged_version=None)
