"""Fleet-wide display messages: one message sent to a set of stations (listed, every one, or
the connected ones) in the background, a bounded number at a time, each station's outcome
recorded as it comes so progress can be read while it runs.

Each station goes through the same workflow as `setDisplayMessage` (checked against its own
device model, its own message id allocated when none is given). The runs live on the api
node that started them: a node that stops marks its unfinished runs INTERRUPTED, their
stations not reached yet stay PENDING.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from modules.display_messages import conversions
from modules.display_messages.commands import DisplayMessages, SetOutcome
from modules.display_messages.records import (
    Audience,
    BroadcastOpening,
    BroadcastStatus,
    BroadcastView,
    MessageBody,
    TargetOutcome,
    TargetResult,
)
from modules.display_messages.store import DisplayMessageStore
from modules.kernel.commands import InvalidCommand
from modules.kernel.envelope import Outcome

log = logging.getLogger(__name__)

MAX_CONCURRENCY = 100

UNANSWERED = {
    Outcome.OFFLINE: TargetOutcome.OFFLINE,
    Outcome.TIMEOUT: TargetOutcome.TIMEOUT,
    Outcome.CALL_ERROR: TargetOutcome.CALL_ERROR,
}
"""A station's outcome from how its call ended without an answer."""


@dataclass(frozen=True, slots=True)
class FleetMessage:
    """What an operator sends to the fleet: the message, its id (None: each station's own),
    the stations (None: the fleet, only the connected ones when `online_only`; with a list,
    `online_only` keeps the connected ones of it), and how many stations at once."""

    body: MessageBody
    message_id: int | None = None
    station_ids: tuple[str, ...] | None = None
    online_only: bool = False
    concurrency: int = 10

    @property
    def audience(self) -> Audience:
        """Who it goes to."""
        if self.station_ids is not None:
            return Audience.LISTED
        return Audience.ONLINE if self.online_only else Audience.ALL


def target_result(outcome: SetOutcome) -> TargetResult:
    """A station's outcome from how its SetDisplayMessage went."""
    if not outcome.station_known:
        return TargetResult(outcome=TargetOutcome.UNKNOWN_STATION)
    if outcome.answer is not None:
        status = outcome.answer.status.value
        accepted = status == "Accepted"
        kind = TargetOutcome.ACCEPTED if accepted else TargetOutcome.REFUSED
        return TargetResult(outcome=kind, status=status, message_id=outcome.message_id)
    unanswered = UNANSWERED.get(outcome.outcome, TargetOutcome.FAILED)
    problem = ": ".join(part for part in (outcome.error_code, outcome.error_description) if part)
    return TargetResult(outcome=unanswered, message_id=outcome.message_id, problem=problem or None)


class FleetMessages:
    """Starts fleet-wide messages and runs them in the background on this node."""

    def __init__(
        self,
        store: DisplayMessageStore,
        messages: DisplayMessages,
        now: Callable[[], datetime],
    ) -> None:
        self._store = store
        self._messages = messages
        self._now = now
        self._runs: dict[int, asyncio.Task[None]] = {}

    async def _stations(self, order: FleetMessage) -> list[str]:
        if order.station_ids is None:
            return await self._store.fleet(order.online_only)
        listed = list(dict.fromkeys(order.station_ids))
        if order.online_only:
            online = set(await self._store.fleet(True))
            listed = [station_id for station_id in listed if station_id in online]
        return listed

    async def send(self, order: FleetMessage, timeout: float | None = None) -> BroadcastView:
        """Check the message, record the run with its stations PENDING, start it; returns it
        as recorded. InvalidCommand when the message cannot be sent or no station is named,
        the schema's OcppError when its payload does not conform."""
        self._messages.check_message(order.message_id, order.body)
        if not 1 <= order.concurrency <= MAX_CONCURRENCY:
            raise InvalidCommand("concurrency", f"must be 1 to {MAX_CONCURRENCY}")
        stations = await self._stations(order)
        if not stations:
            raise InvalidCommand("stationIds", "no station to send the message to")
        opening = BroadcastOpening(
            message=conversions.body_json(order.body),
            message_id=order.message_id,
            audience=order.audience,
            concurrency=order.concurrency,
            station_ids=tuple(stations),
        )
        broadcast_id = await self._store.open_broadcast(opening, self._now())
        task = asyncio.create_task(self._run(broadcast_id, order, stations, timeout))
        self._runs[broadcast_id] = task
        task.add_done_callback(lambda _: self._runs.pop(broadcast_id, None))
        view = await self._store.broadcast(broadcast_id)
        assert view is not None  # just written
        return view

    def is_running(self, broadcast_id: int) -> bool:
        """Whether the run is under way on this node."""
        return broadcast_id in self._runs

    async def wait(self, broadcast_id: int) -> None:
        """Until the run is over on this node (at once when it is not running here)."""
        task = self._runs.get(broadcast_id)
        if task is not None:
            await asyncio.shield(task)

    async def _run(
        self, broadcast_id: int, order: FleetMessage, stations: list[str], timeout: float | None
    ) -> None:
        queue = iter(stations)
        workers = min(order.concurrency, len(stations))
        await asyncio.gather(
            *(self._work(broadcast_id, order, queue, timeout) for _ in range(workers))
        )
        await self._finish(broadcast_id, BroadcastStatus.DONE)

    async def _work(
        self, broadcast_id: int, order: FleetMessage, queue: Iterator[str], timeout: float | None
    ) -> None:
        """Send to the next station of the shared queue until it is empty."""
        for station_id in queue:
            result = await self._one(station_id, order, timeout)
            try:
                await self._store.record_target(broadcast_id, station_id, result, self._now())
            except Exception:  # the run goes on; this station reads PENDING
                log.exception("could not record a fleet message outcome for %s", station_id)

    async def _one(
        self, station_id: str, order: FleetMessage, timeout: float | None
    ) -> TargetResult:
        try:
            outcome = await self._messages.set(station_id, order.message_id, order.body, timeout)
        except InvalidCommand as refusal:
            return TargetResult(outcome=TargetOutcome.NOT_SUPPORTED, problem=str(refusal))
        except Exception as error:  # a database or bus failure: this station only
            log.exception("fleet display message to %s failed", station_id)
            problem = f"{type(error).__name__}: {error}"
            return TargetResult(outcome=TargetOutcome.FAILED, problem=problem)
        return target_result(outcome)

    async def _finish(self, broadcast_id: int, status: BroadcastStatus) -> None:
        try:
            await self._store.finish_broadcast(broadcast_id, status, self._now())
        except Exception:
            log.exception("could not record the end of fleet message %d", broadcast_id)

    async def stop(self) -> None:
        """Cancel the runs under way and mark them INTERRUPTED."""
        runs = dict(self._runs)
        for task in runs.values():
            task.cancel()
        await asyncio.gather(*runs.values(), return_exceptions=True)
        for broadcast_id in runs:
            await self._finish(broadcast_id, BroadcastStatus.INTERRUPTED)
