"""Local-list commands: the operator's list changes (create, change, delete, assign), the
GetLocalListVersion request, the result handlers of SendLocalList and GetLocalListVersion
(D01, D02), and following the id-token registry (a changed listed token is a new version)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from ocpp.v201 import call, call_result, enums

from modules.authorization import AfterCommit, TokenKey
from modules.kernel.ports import UnitOfWork
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.local_auth_lists import policy
from modules.local_auth_lists.events import LocalListChanged, LocalListUpdated
from modules.local_auth_lists.policy import LocalListError
from modules.local_auth_lists.store import ListRecord, ListView, LocalListStore, StationListView

Announce = Callable[[Iterable[str], str, str, int], Awaitable[None]]
"""Publish LOCAL_LIST_CHANGED for stations (reason, list name, version), after commit: the
publisher's `announce`."""


def get_local_list_version() -> call.GetLocalListVersion:
    """D02: the GetLocalListVersion request (it has no arguments)."""
    return call.GetLocalListVersion()


class LocalListResults(OnStore[LocalListStore]):
    """What the stations' answers mean; they run in a transaction before the asking
    mutation (or the publisher) wakes up."""

    async def send_local_list_result(
        self, ctx: HandlerContext, request: call.SendLocalList, response: call_result.SendLocalList
    ) -> None:
        """Accepted: the station holds the request's version (unless the request is a part
        of a multi-part update before its last: then what it holds is unknown until the last
        part). VersionMismatch: its version is unknown; after a Differential the publisher
        follows with a Full update. Failed: the acknowledged version stays."""
        status = response.status.value
        accepted = status == policy.ACCEPTED
        answer = await self._store.record_answer(
            ctx.station_id,
            status,
            ctx.now,
            request.version_number if accepted else None,
            keep_ack=status not in (policy.ACCEPTED, policy.VERSION_MISMATCH),
        )
        acknowledged = answer.acknowledged if answer is not None else None
        if accepted and answer is not None and acknowledged not in (None, answer.previous):
            ctx.emit(
                LocalListUpdated(
                    **ctx.origin,
                    version_number=request.version_number,
                    previous_version=answer.previous,
                    source="SendLocalList",
                )
            )
        differential = request.update_type is enums.UpdateEnumType.differential
        if status == policy.VERSION_MISMATCH and differential:
            ctx.emit(
                LocalListChanged(
                    **ctx.origin,
                    reason=policy.VERSION_MISMATCH,
                    version=request.version_number,
                    list_name=answer.list_name if answer is not None else None,
                )
            )

    async def get_local_list_version_result(
        self,
        ctx: HandlerContext,
        request: call.GetLocalListVersion,
        response: call_result.GetLocalListVersion,
    ) -> None:
        """D02: store the version the station reports; a station behind its list gets it."""
        reported = response.version_number
        found = await self._store.record_reported(ctx.station_id, reported)
        if found is None:
            return
        if found.previous != reported:
            ctx.emit(
                LocalListUpdated(
                    **ctx.origin,
                    version_number=reported,
                    previous_version=found.previous,
                    source="GetLocalListVersion",
                )
            )
        if reported != found.list_version:
            ctx.emit(
                LocalListChanged(
                    **ctx.origin,
                    reason="VersionReported",
                    list_name=found.list_name,
                    version=found.list_version,
                )
            )


class LocalListCommands:
    """The operator's list changes, each in one transaction, announced after commit (the
    publisher then sends every assigned, online station the difference)."""

    def __init__(self, store: LocalListStore, unit_of_work: UnitOfWork, announce: Announce) -> None:
        self._store = store
        self._unit_of_work = unit_of_work
        self._announce = announce

    async def _get(self, name: str) -> ListRecord:
        found = await self._store.find_list(name)
        if found is None:
            raise LocalListError(f"no local list named {name!r}")
        return found

    async def _view(self, name: str) -> ListView:
        view = await self._store.list_view(name)
        assert view is not None  # just written
        return view

    async def _change(
        self, auth_list: ListRecord, add: Sequence[TokenKey], remove: Sequence[TokenKey]
    ) -> int:
        """Put registry tokens on the list and take others off, as one new version."""
        policy.check_change(add, remove)
        added = await self._registry_ids(add)
        if not added and not remove:
            return auth_list.version
        version = await self._store.bump_version(auth_list.id)
        await self._store.put_entries(auth_list.id, added, version)
        await self._store.remove_entries(auth_list.id, dict.fromkeys(remove), version)
        return version

    async def _registry_ids(self, keys: Sequence[TokenKey]) -> list[int]:
        """The registry ids of `keys` (each once, in order); an error naming the missing."""
        wanted = list(dict.fromkeys(keys))
        found = await self._store.registry_ids(wanted)
        missing = [key for key in wanted if key not in found]
        if missing:
            raise policy.missing_tokens(missing)
        return [found[key] for key in wanted]

    async def create(self, name: str, tokens: Sequence[TokenKey] = ()) -> ListView:
        """A new list at version 1, with the registry tokens on it at that version."""
        keys = policy.check_keys(tokens, "idTokens")
        async with self._unit_of_work():
            policy.check_name(name)
            if await self._store.find_list(name) is not None:
                raise LocalListError(f"a local list named {name!r} exists already")
            auth_list = await self._store.create_list(name, policy.FIRST_VERSION)
            token_ids = await self._registry_ids(keys)
            await self._store.put_entries(auth_list.id, token_ids, auth_list.version)
        return await self._view(name)

    async def change(
        self, name: str, add: Sequence[TokenKey] = (), remove: Sequence[TokenKey] = ()
    ) -> ListView:
        """Put tokens on the list (one already on it is refreshed) and take others off, as
        one new version announced to its stations."""
        adding = policy.check_keys(add, "add")
        removing = policy.check_keys(remove, "remove")
        async with self._unit_of_work():
            auth_list = await self._get(name)
            version = await self._change(auth_list, adding, removing)
        if version != auth_list.version:
            stations = await self._store.stations_of([auth_list.id])
            await self._announce(stations, "Changed", auth_list.name, version)
        return await self._view(name)

    async def delete(self, name: str) -> bool:
        """Delete a list; its stations stop using lists (what they hold stays)."""
        return await self._store.delete_list(name)

    async def assign(self, station_id: str, list_name: str) -> StationListView:
        """Make the station use the list; it is sent the whole list (Full) now if online,
        else when it comes back."""
        async with self._unit_of_work():
            if not await self._store.station_exists(station_id):
                raise LocalListError(f"no station {station_id}")
            auth_list = await self._get(list_name)
            await self._store.assign(station_id, auth_list.id)
        await self._announce([station_id], "Assigned", auth_list.name, auth_list.version)
        (view,) = await self._store.station_lists(station_id, None, None)
        return view

    async def unassign(self, station_id: str) -> bool:
        """Stop sending lists to the station; False when it used none."""
        return await self._store.unassign(station_id)


class RegistryFollower:
    """The authorization block's `RegistryListener`: a changed or deleted listed token (or
    a member of a changed group, C09) is a new version of every list holding it."""

    def __init__(self, store: LocalListStore, announce: Announce) -> None:
        self._store = store
        self._announce = announce

    def _after(self, list_ids: set[int]) -> AfterCommit:
        async def announce() -> None:
            for auth_list in await self._store.lists_by_ids(list_ids):
                stations = await self._store.stations_of([auth_list.id])
                await self._announce(stations, "TokenChanged", auth_list.name, auth_list.version)

        return announce

    async def tokens_changed(self, token_ids: Sequence[int]) -> AfterCommit:
        """Bump the lists holding the tokens (or their groups' members)."""
        return self._after(await self._store.tokens_changed(token_ids))

    async def tokens_deleting(self, token_ids: Sequence[int]) -> AfterCommit:
        """Record the removals before the tokens go."""
        return self._after(await self._store.tokens_deleting(token_ids))
