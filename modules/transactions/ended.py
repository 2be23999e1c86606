"""Work another block does when a transaction ends (O02.FR.02 display messages, K02.FR.05
TxProfiles): `EndedTransactions` follows the events topic on one subscription shared by every
api node (one node acts on each TRANSACTION_ENDED) and runs the block's write in a background
task per ended transaction, so the event is acknowledged at once. A write that fails is
logged; the next end of that transaction (none) would not retry it, so the block's write must
also be safe to repeat."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus
from modules.transactions.events import TransactionEnded

log = logging.getLogger(__name__)

EndTransaction = Callable[[str, str, datetime], Awaitable[int]]
"""A block's write for one ended transaction: (station, transaction, now) -> rows changed."""


class EndedTransactions(EventsFollower):
    """Runs `end` for each ended transaction, once at a time per transaction."""

    def __init__(
        self,
        bus: Bus,
        subscription: str,
        end: EndTransaction,
        now: Callable[[], datetime],
        what: str,
    ) -> None:
        super().__init__(bus, subscription)
        self._end = end
        self._now = now
        self._what = what

    def follow(self, event: Event) -> None:
        """A TRANSACTION_ENDED starts the write for its transaction (once at a time)."""
        if not isinstance(event, TransactionEnded):
            return
        key = f"{event.station_id}\x1f{event.transaction_id}"
        if not self.is_running(key):
            self.run_for(key, self.end(event.station_id, event.transaction_id))

    async def end(self, station_id: str, transaction_id: str) -> int:
        """Run the write for one ended transaction; how many rows it changed (0 after a
        failure, logged)."""
        try:
            return await self._end(station_id, transaction_id, self._now())
        except Exception:
            log.exception("could not end the %s of transaction %s", self._what, transaction_id)
            return 0
