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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from modules.authorization import TokenInfos
from modules.kernel import topics
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus, CommandSender
from modules.local_auth_lists import policy
from modules.local_auth_lists.events import LocalListChanged
from modules.local_auth_lists.list_plan import (
    FULL,
    ListEntry,
    Update,
    messages,
    plan_update,
)
from modules.local_auth_lists.policy import LocalListError
from modules.local_auth_lists.store import LocalListStore, StationListState
from modules.provisioning import Booted, Connected

log = logging.getLogger(__name__)

SUBSCRIPTION = "local-list-publisher"
ACTION = "SendLocalList"
ANNOUNCE_BATCH = 100


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


class ListUserBatches:
    """Which of many returning stations use a local list, asked in batches.

    Every CONNECTED and Accepted BOOT may leave a station behind its list, but in most fleets
    few stations use one. One query asks about every station id collected while the previous
    query was under way, and only the stations that use a list go on to a delivery; a lone
    event is asked about at once.
    """

    def __init__(
        self, store: LocalListStore, on_user: Callable[[str], None], max_batch: int = 500
    ) -> None:
        self._store = store
        self._on_user = on_user
        self._max_batch = max_batch
        self._pending: set[str] = set()
        self._task: asyncio.Task[None] | None = None

    def add(self, station_id: str) -> None:
        """Ask about `station_id` with the next batch."""
        self._pending.add(station_id)
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        try:
            await self.flush()
        finally:
            self._task = None

    async def flush(self) -> None:
        """Ask about every collected station now."""
        while self._pending:
            batch = [self._pending.pop() for _ in range(min(self._max_batch, len(self._pending)))]
            try:
                users = await self._store.list_users(batch)
            except Exception:  # a database failure: the station's next boot asks again
                log.exception("could not look up local list users for %d stations", len(batch))
                continue
            for station_id in users:
                self._on_user(station_id)

    async def stop(self) -> None:
        """Stop collecting; what is pending is dropped (asked again at the next boot)."""
        task, self._task = self._task, None
        self._pending.clear()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


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
        self._again: set[str] = set()
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
            self._start_delivery(event.station_id)
        elif _returns(event):
            self._returning.add(event.station_id)

    def _start_delivery(self, station_id: str) -> None:
        """Deliver in a background task, or queue one more round behind the running one."""
        if self.is_running(station_id):
            self._again.add(station_id)
            return
        self.run_for(station_id, self._deliver_rounds(station_id))

    def _follow_mismatch(self, event: LocalListChanged) -> bool:
        """One Full follow-up per station and version: a station that keeps answering
        VersionMismatch must not make the CSMS loop."""
        if self._full_after_mismatch.get(event.station_id) == event.version:
            return False
        self._full_after_mismatch[event.station_id] = event.version
        return True

    async def _deliver_rounds(self, station_id: str) -> None:
        while True:
            self._again.discard(station_id)
            try:
                await self.deliver(station_id)
            except Exception:  # a database or bus failure: the next change or boot retries
                log.exception("local list delivery failed", extra={"station_id": station_id})
            if station_id not in self._again:
                return

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

    async def deliver(self, station_id: str) -> Delivery | None:
        """Bring an online, Accepted station that uses a list up to date; None when it needs
        nothing (no list, offline, not Accepted, already up to date)."""
        async with self._lock(station_id):
            if not await self._store.uses_a_list(station_id):
                return None
            if not await self._store.accepts_automatic_delivery(station_id):
                return None
            station_list = await self.station_list(station_id)
            if station_list is None:
                return None
            update = plan_update(
                station_list.version,
                station_list.acknowledged,
                station_list.entries,
                station_list.removals,
            )
            if update is None:
                return None
            return await self._send(station_list, update, self._timeout)

    async def send(
        self, station_id: str, update_type: str, timeout: float | None = None
    ) -> Delivery:
        """An operator's explicit SendLocalList (Full, or Differential since the station's
        acknowledged version); LocalListError when the station uses no list or a
        Differential cannot be built."""
        async with self._lock(station_id):
            station_list = await self.station_list(station_id)
            if station_list is None:
                raise LocalListError(f"station {station_id} is not assigned to a local list")
            try:
                update = plan_update(
                    station_list.version,
                    station_list.acknowledged,
                    station_list.entries,
                    station_list.removals,
                    update_type,
                )
            except ValueError as error:
                raise LocalListError(str(error)) from None
            assert update is not None
            return await self._send(station_list, update, timeout)

    async def _send(
        self, station_list: StationList, update: Update, timeout: float | None
    ) -> Delivery:
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
        payloads = messages(update, limits.items_per_message, limits.bytes_per_message)
        status: str | None = None
        for index, payload in enumerate(payloads):
            answer = await self._sender.send(station_id, ACTION, payload, timeout)
            status = (
                (answer.response or {}).get("status") if answer.outcome is Outcome.RESULT else None
            )
            if status != policy.ACCEPTED:
                if index > 0:
                    await self._store.forget_acknowledged(station_id)
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


def _returns(event: Event) -> bool:
    """A station that comes back (an Accepted boot, a connection) may have missed changes."""
    if isinstance(event, Booted):
        return event.registration_status == "Accepted"
    return isinstance(event, Connected)
