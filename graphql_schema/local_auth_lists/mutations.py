"""Local-list mutations (block D): create lists, put registry tokens on and off them, assign
stations, and the sendLocalList (D01) / getLocalListVersion (D02) commands.

Every content change is one new list version; it is announced after commit and the
local-list publisher sends each assigned, online station the difference (offline stations
get it when they come back). The block's result handlers have stored what the stations'
answers mean by the time the commands return.
"""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.commands import CallOutcomeEnum, check_timeout
from graphql_schema.context import Context
from graphql_schema.local_auth_lists.types import (
    GetLocalListVersionResult,
    IdTokenRefInput,
    LocalAuthListType,
    SendLocalListResult,
    StationLocalListType,
    list_refusals_as_input_errors,
)
from modules import local_auth_lists
from modules.local_auth_lists import LocalListCommands, LocalListPublisher


def _commands(info: Info[Context, Any]) -> LocalListCommands:
    return info.context.services.block(LocalListCommands)


def _keys(items: list[IdTokenRefInput] | None) -> list[tuple[str, str]]:
    return [item.key() for item in items or []]


async def create_local_auth_list(
    info: Info[Context, Any], name: str, id_tokens: list[IdTokenRefInput] | None = None
) -> LocalAuthListType:
    """A new list."""
    with list_refusals_as_input_errors():
        view = await _commands(info).create(name, _keys(id_tokens))
    return LocalAuthListType.of(view)


async def update_local_auth_list(
    info: Info[Context, Any],
    name: str,
    add: list[IdTokenRefInput] | None = None,
    remove: list[IdTokenRefInput] | None = None,
) -> LocalAuthListType:
    """Change a list's content."""
    with list_refusals_as_input_errors():
        view = await _commands(info).change(name, _keys(add), _keys(remove))
    return LocalAuthListType.of(view)


async def delete_local_auth_list(info: Info[Context, Any], name: str) -> bool:
    """Delete a list and its assignments."""
    return await _commands(info).delete(name)


async def assign_local_auth_list(
    info: Info[Context, Any], station_id: strawberry.ID, list_name: str
) -> StationLocalListType:
    """Assign the station to the list."""
    with list_refusals_as_input_errors():
        view = await _commands(info).assign(str(station_id), list_name)
    return StationLocalListType.of(view)


async def unassign_local_auth_list(info: Info[Context, Any], station_id: strawberry.ID) -> bool:
    """Remove the station's assignment."""
    return await _commands(info).unassign(str(station_id))


async def send_local_list(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    update_type: enums.UpdateEnumType,
    timeout_seconds: float | None = None,
) -> SendLocalListResult:
    """D01: send the station its list now, Full or Differential."""
    timeout = check_timeout(timeout_seconds)
    publisher = info.context.services.block(LocalListPublisher)
    with list_refusals_as_input_errors():
        delivery = await publisher.send(str(station_id), update_type.value, timeout)
    return SendLocalListResult(
        outcome=CallOutcomeEnum(delivery.outcome.value) if delivery.outcome else None,
        status=delivery.status,
        update_type=enums.UpdateEnumType(delivery.update_type) if delivery.update_type else None,
        version_number=delivery.version,
        messages=delivery.messages,
        entries=delivery.items,
        error_code=delivery.error_code,
        error_description=delivery.error_description,
    )


async def get_local_list_version(
    info: Info[Context, Any], station_id: strawberry.ID, timeout_seconds: float | None = None
) -> GetLocalListVersionResult:
    """D02: ask the station which list version it holds (stored when it uses a list)."""
    request = local_auth_lists.get_local_list_version()
    result = await commands.send(
        info, station_id, request, call_result.GetLocalListVersion, timeout_seconds
    )
    answer = result.response
    return GetLocalListVersionResult(
        **commands.call_fields(result), version_number=answer.version_number if answer else None
    )


@strawberry.type
class LocalListMutation:
    """Block D: publishing local lists."""

    create_local_auth_list: LocalAuthListType = strawberry.mutation(
        resolver=create_local_auth_list,
        description="Create a local list (version 1), optionally with registry tokens on it "
        "(then version 2).",
    )
    update_local_auth_list: LocalAuthListType = strawberry.mutation(
        resolver=update_local_auth_list,
        description="Put registry tokens on a list (`add`; one already on it is refreshed) "
        "and take tokens off it (`remove`), as one new version that every station using "
        "the list is sent (Differential when it acknowledged an earlier version).",
    )
    delete_local_auth_list: bool = strawberry.mutation(
        resolver=delete_local_auth_list,
        description="Delete a list; its stations stop using lists (what they hold stays).",
    )
    assign_local_auth_list: StationLocalListType = strawberry.mutation(
        resolver=assign_local_auth_list,
        description="Make a station use a list. A new assignment starts unacknowledged: the "
        "station is sent the whole list (Full) now if online, else when it comes back.",
    )
    unassign_local_auth_list: bool = strawberry.mutation(
        resolver=unassign_local_auth_list,
        description="Stop sending lists to the station (what it holds stays there; assign "
        "an empty list to clear it). False when it used none.",
    )
    send_local_list: SendLocalListResult = strawberry.mutation(
        resolver=send_local_list,
        description="D01: send the station its assigned list now: Full (the whole list) or "
        "Differential (the changes since the version it acknowledged). Split into several "
        "messages when the station's ItemsPerMessage (default 100) or BytesPerMessage "
        "requires; Accepted stores the acknowledged version.",
    )
    get_local_list_version: GetLocalListVersionResult = strawberry.mutation(
        resolver=get_local_list_version,
        description="D02: ask the station for its list version; stored as its acknowledged "
        "version when it uses a list (a station behind its list is then sent it).",
    )
