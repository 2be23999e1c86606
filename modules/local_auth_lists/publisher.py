"""The local-list publisher (D01/D02): keeps every station that uses a local list holding
its list's current version.

It runs beside the api role and follows the events topic on one subscription shared by every
api node, so one node acts on each event: LOCAL_LIST_CHANGED (a list changed, a station was
assigned, a station answered VersionMismatch or reported another version), BOOT answered
Accepted and CONNECTED (a station that comes back gets what it missed while offline). For
each it plans the update from the station's acknowledged version (`list_plan`) and sends it
through the kernel's CommandSender in a background task, one station at a time per station, so the
event is acknowledged at once and a station's deliveries never overlap on this node. Stations
that return (BOOT, CONNECTED) are first asked in batches whether they use a list at all
(`ListUserBatches`), so a reconnecting fleet without lists costs a few queries, not one each.

A station that comes back (CONNECTED, or BOOT Accepted) is asked its version
(GetLocalListVersion, D02) before it is sent a Differential update, and after a boot also when
its stored version says it is up to date: a station may have lost its list, and a Differential
on top of nothing would leave it holding part of the list at the list's version. A station
that does not answer the question gets a Full update; one whose version is unknown gets a Full
update without being asked.

An update in several messages (D01.FR.11) counts its versions up to the list's version
(`list_plan`); when the list's version leaves no room (a list at version 1 in two messages),
the list's version is raised to make room, its content unchanged, and its other stations are
sent the new version (an empty Differential).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ocpp.v201 import call_result

from modules.authorization import TokenInfos
from modules.kernel import topics
from modules.kernel.commands import send
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus, CommandSender
from modules.local_auth_lists import policy
from modules.local_auth_lists.commands import get_local_list_version
from modules.local_auth_lists.events import LocalListChanged
from modules.local_auth_lists.list_plan import (
    DIFFERENTIAL,
    FULL,
    ListEntry,
    Update,
    lowest_version,
    messages,
    parts_of,
    plan_update,
)
from modules.local_auth_lists.policy import LocalListError
from modules.local_auth_lists.returning import ListUserBatches, Trigger
from modules.local_auth_lists.store import LocalListStore, StationListState
from modules.provisioning import Booted, Connected

log = logging.getLogger(__name__)

SUBSCRIPTION = "local-list-publisher"
ACTION = "SendLocalList"
ANNOUNCE_BATCH = 100
UP_TO_DATE = "UpToDate"
"""The status of an explicit Differential to a station that holds the list's version: nothing
is sent."""
PLAN_ATTEMPTS = 3
"""Plans of one delivery at most: raising the list's version to make room for its parts
re-plans it (and a change at the same moment may need another)."""


StationList = StationListState[ListEntry]
"""A station's list as it is to be delivered now: entries with their idTokenInfo."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """How sending a station its list went: the last message's outcome and the station's
    status (None when nothing needed sending), the update and how many messages it took."""

    outcome: Outcome | None
    status: str | None
    update_type: str | None = None
    version: int | None = None
    messages: int = 0
    items: int = 0
    error_code: str | None = None
    error_description: str | None = None


class LocalListPublisher(EventsFollower):
    """Delivers local lists to the stations assigned to them."""

    def __init__(
        self,
        store: LocalListStore,
        infos: TokenInfos,
        bus: Bus,
        sender: CommandSender,
        now: Callable[[], datetime],
        timeout: float | None = None,
    ) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._store = store
        self._infos = infos
        self._sender = sender
        self._now = now
        self._timeout = timeout
        self._locks: dict[str, asyncio.Lock] = {}
        self._again: dict[str, Trigger] = {}
        self._full_after_mismatch: dict[str, int] = {}
        self._returning = ListUserBatches(store, self._start_delivery)

    async def stop(self) -> None:
        """Cancel deliveries under way (they are retried at the station's next boot)."""
        await self._returning.stop()
        await super().stop()

    def follow(self, event: Event) -> None:
        """Start (or queue another round of) a station's delivery for a triggering event."""
        if isinstance(event, LocalListChanged):
            if event.reason == policy.VERSION_MISMATCH and not self._follow_mismatch(event):
                return
            self._start_delivery(event.station_id, Trigger.CHANGE)
            return
        returned = _returns(event)
        if returned is not None:
            self._returning.add(event.station_id, returned)

    def _start_delivery(self, station_id: str, trigger: Trigger) -> None:
        """Deliver in a background task, or queue one more round behind the running one."""
        if self.is_running(station_id):
            self._again[station_id] = max(trigger, self._again.get(station_id, trigger))
            return
        self.run_for(station_id, self._deliver_rounds(station_id, trigger))

    def _follow_mismatch(self, event: LocalListChanged) -> bool:
        """One Full follow-up per station and version: a station that keeps answering
        VersionMismatch must not make the CSMS loop."""
        if self._full_after_mismatch.get(event.station_id) == event.version:
            return False
        self._full_after_mismatch[event.station_id] = event.version
        return True

    async def _deliver_rounds(self, station_id: str, trigger: Trigger) -> None:
        while True:
            trigger = max(trigger, self._again.pop(station_id, trigger))
            try:
                await self.deliver(station_id, trigger)
            except Exception:  # a database or bus failure: the next change or boot retries
                log.exception("local list delivery failed", extra={"station_id": station_id})
            if station_id not in self._again:
                return
            trigger = Trigger.CHANGE

    async def announce(
        self, station_ids: Iterable[str], reason: str, list_name: str, version: int
    ) -> None:
        """Publish LOCAL_LIST_CHANGED for each station (after the change was committed)."""
        now = self._now()
        batch: list[Any] = []
        for station_id in station_ids:
            event = LocalListChanged(
                station_id=station_id,
                occurred_at=now,
                reason=reason,
                list_name=list_name,
                version=version,
            )
            batch.append(self._bus.publish(topics.EVENTS, event.to_bytes()))
            if len(batch) >= ANNOUNCE_BATCH:
                await asyncio.gather(*batch)
                batch = []
        await asyncio.gather(*batch)

    def _lock(self, station_id: str) -> asyncio.Lock:
        lock = self._locks.get(station_id)
        if lock is None:
            lock = self._locks[station_id] = asyncio.Lock()
        return lock

    async def station_list(self, station_id: str) -> StationList | None:
        """The station's list as it should be delivered now (each entry's idTokenInfo as
        the registry gives it now, C09 group status applied); None when it uses none."""
        state = await self._store.station_list(station_id)
        if state is None:
            return None
        infos = await self._infos.of_ids([entry.token_id for entry in state.entries], self._now())
        entries = tuple(
            ListEntry(info.value, info.type, entry.changed_version, info.info)
            for entry in state.entries
            if (info := infos.get(entry.token_id)) is not None
        )
        return StationListState(
            station_id, state.list_name, state.version, state.acknowledged, entries, state.removals
        )

    async def deliver(self, station_id: str, trigger: Trigger = Trigger.CHANGE) -> Delivery | None:
        """Bring an online, Accepted station that uses a list up to date; None when it needs
        nothing (no list, offline, not Accepted, already up to date). A returning station is
        asked its version first (see the module's docstring)."""
        async with self._lock(station_id):
            if not await self._store.uses_a_list(station_id):
                return None
            if not await self._store.accepts_automatic_delivery(station_id):
                return None
            unverified = False
            if trigger is not Trigger.CHANGE and await self._worth_asking(station_id, trigger):
                unverified = not await self._ask_version(station_id)
            return await self._deliver(station_id, None, unverified, self._timeout)

    async def _worth_asking(self, station_id: str, trigger: Trigger) -> bool:
        """Whether a returning station is asked its version: when its stored version would
        have it sent a Differential, or nothing after a boot (a Full update needs no
        version)."""
        planned = await self._plan(station_id, None, False)
        if planned is None:
            return False
        update = planned[1]
        if update is None:
            return trigger is Trigger.BOOTED
        return update.update_type == DIFFERENTIAL

    async def _ask_version(self, station_id: str) -> bool:
        """D02: ask the station its list version (the result handler stores it); whether it
        answered."""
        result = await send(
            self._sender,
            station_id,
            get_local_list_version(),
            call_result.GetLocalListVersion,
            self._timeout,
        )
        return result.answered

    async def send(
        self, station_id: str, update_type: str, timeout: float | None = None
    ) -> Delivery:
        """An operator's explicit SendLocalList (Full, or Differential since the station's
        acknowledged version: status UpToDate and nothing sent when it holds the list's
        version); LocalListError when the station uses no list or a Differential cannot be
        built."""
        async with self._lock(station_id):
            delivery = await self._deliver(station_id, update_type, False, timeout)
        if delivery is None:
            raise LocalListError(f"station {station_id}'s list kept changing: send it again")
        return delivery

    async def _plan(
        self, station_id: str, requested: str | None, unverified: bool
    ) -> tuple[StationList, Update | None] | None:
        """The station's list and the update it needs (None: nothing); None when it uses no
        list. `unverified`: plan as if its version were unknown (a Full update)."""
        station_list = await self.station_list(station_id)
        if station_list is None:
            return None
        acknowledged = None if unverified else station_list.acknowledged
        try:
            update = plan_update(
                station_list.version,
                acknowledged,
                station_list.entries,
                station_list.removals,
                requested,
            )
        except ValueError as error:
            raise LocalListError(str(error)) from None
        return station_list, update

    async def _deliver(
        self, station_id: str, requested: str | None, unverified: bool, timeout: float | None
    ) -> Delivery | None:
        """Plan and send: `requested` None is an automatic delivery (None when the station
        uses no list or needs nothing), else an explicit one (LocalListError when the station
        uses no list). A plan whose parts need a higher list version raises it and plans
        again; None when that kept happening."""
        for _ in range(PLAN_ATTEMPTS):
            planned = await self._plan(station_id, requested, unverified)
            if planned is None:
                if requested is None:
                    return None
                raise LocalListError(f"station {station_id} is not assigned to a local list")
            station_list, update = planned
            if update is None:
                if requested is None:
                    return None
                return Delivery(None, UP_TO_DATE, DIFFERENTIAL, station_list.version)
            delivery = await self._send(station_list, update, timeout)
            if delivery is not None:
                return delivery
        log.warning(
            "local list delivery gave up: the list kept changing while it made room",
            extra={"station_id": station_id},
        )
        return None

    async def _make_room(self, station_list: StationList, version: int) -> None:
        """Raise the list's version to `version` (its content unchanged) and announce it to
        the list's other stations, which are then sent the new version."""
        found = await self._store.find_list(station_list.list_name)
        if found is None:
            return
        raised = await self._store.raise_version(found.id, version)
        log.info(
            "local list %s raised from version %d to %d to count %s's parts up to it",
            found.name,
            found.version,
            raised,
            station_list.station_id,
        )
        others = [
            station
            for station in await self._store.stations_of([found.id])
            if station != station_list.station_id
        ]
        await self.announce(others, "Changed", found.name, raised)

    async def _send(
        self, station_list: StationList, update: Update, timeout: float | None
    ) -> Delivery | None:
        """Send `update` in parts; None when the list's version was raised to make room for
        them (the caller plans again)."""
        station_id = station_list.station_id
        limits = policy.limits_of(await self._store.limit_variables(station_id))
        if policy.exceeds_capacity(len(station_list.entries), limits):
            log.warning(
                "local list %s has %d entries, the station stores %d",
                station_list.list_name,
                len(station_list.entries),
                limits.max_entries,
                extra={"station_id": station_id},
            )
            await self._store.record_answer(
                station_id, policy.TOO_MANY_ENTRIES, self._now(), None, keep_ack=True
            )
            return Delivery(None, policy.TOO_MANY_ENTRIES, update.update_type, update.version)
        parts = parts_of(update, limits.items_per_message, limits.bytes_per_message)
        lowest = lowest_version(update, len(parts))
        if update.version < lowest:
            await self._make_room(station_list, lowest)
            return None
        payloads = messages(update, parts)
        if len(payloads) > 1:
            await self._store.set_delivering(station_id, update.version)
        status: str | None = None
        for index, payload in enumerate(payloads):
            answer = await self._sender.send(station_id, ACTION, payload, timeout)
            status = (
                (answer.response or {}).get("status") if answer.outcome is Outcome.RESULT else None
            )
            if status != policy.ACCEPTED:
                if index > 0:
                    await self._store.forget_acknowledged(station_id)
                elif len(payloads) > 1:
                    await self._store.set_delivering(station_id, None)
                return Delivery(
                    answer.outcome,
                    status,
                    update.update_type,
                    update.version,
                    index + 1,
                    len(update.items),
                    answer.error_code,
                    answer.error_description,
                )
        if update.update_type == FULL:
            self._full_after_mismatch.pop(station_id, None)
        return Delivery(
            Outcome.RESULT,
            status,
            update.update_type,
            update.version,
            len(payloads),
            len(update.items),
        )


def _returns(event: Event) -> Trigger | None:
    """A station that comes back (an Accepted boot, a connection) may have missed changes."""
    if isinstance(event, Booted):
        return Trigger.BOOTED if event.registration_status == "Accepted" else None
    return Trigger.CONNECTED if isinstance(event, Connected) else None
