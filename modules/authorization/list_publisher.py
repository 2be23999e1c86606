"""The local-list publisher (D01/D02): keeps every station that uses a local list holding
its list's current version.

It runs beside the api role and follows the events topic on one subscription shared by every
api node, so one node acts on each event: LOCAL_LIST_CHANGED (a list changed, a station was
assigned, a station answered VersionMismatch or reported another version), BOOT answered
Accepted and CONNECTED (a station that comes back gets what it missed while offline). For
each it plans the update from the station's acknowledged version (`list_plan`) and sends it
through the CallSender in a background task, one station at a time per station, so the
event is acknowledged at once and a station's deliveries never overlap on this node. Stations
that return (BOOT, CONNECTED) are first asked in batches whether they use a list at all
(`list_users`), so a reconnecting fleet without lists costs a few queries, not one each.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from modules.authorization import events
from modules.authorization.list_plan import FULL, Update, messages, plan_update
from modules.authorization.list_store import (
    StationList,
    accepts_automatic_delivery,
    forget_acknowledged,
    limits_of,
    load_station_list,
    record_answer,
    uses_a_list,
)
from modules.authorization.list_users import ListUserBatches
from modules.authorization.local_lists import LocalListError
from modules.kernel import topics
from modules.kernel.envelope import Outcome
from modules.kernel.events import Event, from_bytes, from_payload
from modules.kernel.ports import Bus
from modules.provisioning import Booted, Connected
from modules.provisioning.ports import CommandPort

log = logging.getLogger(__name__)

SUBSCRIPTION = "local-list-publisher"
ACTION = "SendLocalList"
TOO_MANY_ENTRIES = "TooManyEntries"
ANNOUNCE_BATCH = 100


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


class LocalListPublisher:
    """Delivers local lists to the stations assigned to them."""

    def __init__(
        self,
        bus: Bus,
        commands: CommandPort,
        now: Callable[[], datetime],
        timeout: float | None = None,
    ) -> None:
        self._bus = bus
        self._commands = commands
        self._now = now
        self._timeout = timeout
        self._locks: dict[str, asyncio.Lock] = {}
        self._running: dict[str, asyncio.Task[None]] = {}
        self._again: set[str] = set()
        self._full_after_mismatch: dict[str, int] = {}
        self._returning = ListUserBatches(self._start_delivery)

    async def start(self) -> None:
        """Follow the events topic (shared subscription: one node delivers each change)."""
        await self._bus.subscribe(topics.EVENTS, SUBSCRIPTION, self.consume)

    async def stop(self) -> None:
        """Cancel deliveries under way (they are retried at the station's next boot)."""
        await self._returning.stop()
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def consume(self, data: bytes) -> None:
        """Start (or queue another round of) a station's delivery for a triggering event."""
        event = from_bytes(data)
        if not _triggers(event):
            return
        if event.payload.get("reason") == "VersionMismatch" and not self._follow_mismatch(event):
            return
        if event.type == events.LOCAL_LIST_CHANGED:
            self._start_delivery(event.station_id)
        else:
            self._returning.add(event.station_id)

    def _start_delivery(self, station_id: str) -> None:
        """Deliver in a background task, or queue one more round behind the running one."""
        if station_id in self._running:
            self._again.add(station_id)
            return
        task = asyncio.create_task(self._deliver_rounds(station_id))
        self._running[station_id] = task
        task.add_done_callback(lambda _: self._running.pop(station_id, None))

    def _follow_mismatch(self, event: Event) -> bool:
        """One Full follow-up per station and version: a station that keeps answering
        VersionMismatch must not make the CSMS loop."""
        version = int(event.payload.get("version") or 0)
        if self._full_after_mismatch.get(event.station_id) == version:
            return False
        self._full_after_mismatch[event.station_id] = version
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
        payload: dict[str, Any] = {"reason": reason, "listName": list_name, "version": version}
        batch: list[Any] = []
        for station_id in station_ids:
            event = from_payload(events.LOCAL_LIST_CHANGED, station_id, now, payload)
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

    async def deliver(self, station_id: str) -> Delivery | None:
        """Bring an online, Accepted station that uses a list up to date; None when it needs
        nothing (no list, offline, not Accepted, already up to date)."""
        async with self._lock(station_id):
            if not await uses_a_list(station_id):
                return None
            if not await accepts_automatic_delivery(station_id):
                return None
            station_list = await load_station_list(station_id, self._now())
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
            station_list = await load_station_list(station_id, self._now())
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
        limits = await limits_of(station_id)
        if limits.max_entries is not None and len(station_list.entries) > limits.max_entries:
            # D01.FR.12: never send more than the station can store.
            log.warning(
                "local list %s has %d entries, the station stores %d",
                station_list.list_name,
                len(station_list.entries),
                limits.max_entries,
                extra={"station_id": station_id},
            )
            await record_answer(station_id, TOO_MANY_ENTRIES, self._now(), None, keep_ack=True)
            return Delivery(None, TOO_MANY_ENTRIES, update.update_type, update.version)
        payloads = messages(update, limits.items_per_message, limits.bytes_per_message)
        status: str | None = None
        for index, payload in enumerate(payloads):
            answer = await self._commands.send(station_id, ACTION, payload, timeout)
            status = (
                (answer.response or {}).get("status") if answer.outcome is Outcome.RESULT else None
            )
            if status != "Accepted":
                if index > 0:
                    await forget_acknowledged(station_id)
                return Delivery(
                    answer.outcome,
                    status,
                    update.update_type,
                    update.version,
                    index + 1,
                    len(update.items),
                    answer.error_code,
                    getattr(answer, "error_description", None),
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


def _triggers(event: Event) -> bool:
    """Whether `event` may leave a station without its current list."""
    if event.type == events.LOCAL_LIST_CHANGED:
        return True
    if isinstance(event, Booted):
        return event.registration_status == "Accepted"
    return isinstance(event, Connected)
