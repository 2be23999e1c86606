"""Local-list mutations (block D): create lists, put registry tokens on and off them, assign
stations, and the sendLocalList (D01) / getLocalListVersion (D02) commands.

Every content change is one new list version; it is announced after commit and the
local-list publisher sends each assigned, online station the difference (offline stations
get it when they come back). The block's result handlers have stored what the stations'
answers mean by the time the commands return.
"""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common import commands
from graphql_schema.common.commands import CallOutcomeEnum, StationCall
from graphql_schema.common.fields import mutation
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


@strawberry.type
class LocalListMutation:
    """Block D: publishing local lists."""

    @mutation("Create a local list at version 1, optionally with registry tokens on it.")
    async def create_local_auth_list(
        self, lists: LocalListCommands, name: str, id_tokens: list[IdTokenRefInput] | None = None
    ) -> LocalAuthListType:
        """A new list."""
        with list_refusals_as_input_errors():
            return LocalAuthListType.of(await lists.create(name, _keys(id_tokens)))

    @mutation(
        "Put registry tokens on a list (`add`; one already on it is refreshed) "
        "and take tokens off it (`remove`), as one new version that every station using "
        "the list is sent (Differential when it acknowledged an earlier version)."
    )
    async def update_local_auth_list(
        self,
        lists: LocalListCommands,
        name: str,
        add: list[IdTokenRefInput] | None = None,
        remove: list[IdTokenRefInput] | None = None,
    ) -> LocalAuthListType:
        """Change a list's content."""
        with list_refusals_as_input_errors():
            view = await lists.change(name, _keys(add), _keys(remove))
        return LocalAuthListType.of(view)

    @mutation("Delete a list; its stations stop using lists (what they hold stays).")
    async def delete_local_auth_list(self, lists: LocalListCommands, name: str) -> bool:
        """Delete a list and its assignments."""
        return await lists.delete(name)

    @mutation(
        "Make a station use a list. A new assignment starts unacknowledged: the "
        "station is sent the whole list (Full) now if online, else when it comes back."
    )
    async def assign_local_auth_list(
        self, lists: LocalListCommands, station_id: strawberry.ID, list_name: str
    ) -> StationLocalListType:
        """Assign the station to the list."""
        with list_refusals_as_input_errors():
            view = await lists.assign(str(station_id), list_name)
        return StationLocalListType.of(view)

    @mutation(
        "Stop sending lists to the station (what it holds stays there; assign "
        "an empty list to clear it). False when it used none."
    )
    async def unassign_local_auth_list(
        self, lists: LocalListCommands, station_id: strawberry.ID
    ) -> bool:
        """Remove the station's assignment."""
        return await lists.unassign(str(station_id))

    @mutation(
        "D01: send the station its assigned list now: Full (the whole list) or "
        "Differential (the changes since the version it acknowledged). Split into several "
        "messages when the station's ItemsPerMessage (default 100) or BytesPerMessage "
        "requires; Accepted stores the acknowledged version."
    )
    async def send_local_list(
        self, call: StationCall, update_type: enums.UpdateEnumType
    ) -> SendLocalListResult:
        """D01: send the station its list now, Full or Differential."""
        publisher = call.block(LocalListPublisher)
        with list_refusals_as_input_errors():
            delivery = await publisher.send(call.station_id, update_type.value, call.timeout)
        return SendLocalListResult(
            outcome=CallOutcomeEnum(delivery.outcome.value) if delivery.outcome else None,
            status=delivery.status,
            update_type=enums.UpdateEnumType(delivery.update_type)
            if delivery.update_type
            else None,
            version_number=delivery.version,
            messages=delivery.messages,
            entries=delivery.items,
            error_code=delivery.error_code,
            error_description=delivery.error_description,
        )

    @mutation(
        "D02: ask the station for its list version; stored as its acknowledged "
        "version when it uses a list (a station behind its list is then sent it)."
    )
    async def get_local_list_version(self, call: StationCall) -> GetLocalListVersionResult:
        """D02: ask the station which list version it holds (stored when it uses a list)."""
        request = local_auth_lists.get_local_list_version()
        result = await call.send(request, call_result.GetLocalListVersion)
        version = result.response.version_number if result.response else None
        return GetLocalListVersionResult(**commands.call_fields(result), version_number=version)


def _keys(items: list[IdTokenRefInput] | None) -> list[tuple[str, str]]:
    return [item.key() for item in items or []]
