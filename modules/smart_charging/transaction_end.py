"""A TxProfile lasts as long as its transaction (K02.FR.05): the station deletes it when the
transaction stops, so the CSMS marks its record TX_ENDED. It then no longer counts as
installed, neither in the station's profile-count check nor in the expected composite
schedule.

It follows the events topic on one subscription shared by every api node (one node acts on
each TRANSACTION_ENDED) and writes in a background task per ended transaction, so the event
is acknowledged at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from modules.kernel.events import Event
from modules.kernel.followers import EventsFollower
from modules.kernel.ports import Bus
from modules.smart_charging.store import SmartChargingStore
from modules.transactions import TransactionEnded

log = logging.getLogger(__name__)

SUBSCRIPTION = "smart-charging-transactions"


class TxProfileExpiry(EventsFollower):
    """Marks the TxProfiles of ended transactions TX_ENDED."""

    def __init__(self, bus: Bus, store: SmartChargingStore, now: Callable[[], datetime]) -> None:
        super().__init__(bus, SUBSCRIPTION)
        self._store = store
        self._now = now

    def follow(self, event: Event) -> None:
        """A TRANSACTION_ENDED starts the write for its transaction (once at a time)."""
        if not isinstance(event, TransactionEnded):
            return
        key = f"{event.station_id}\x1f{event.transaction_id}"
        if not self.is_running(key):
            self.run_for(key, self.end(event.station_id, event.transaction_id))

    async def end(self, station_id: str, transaction_id: str) -> int:
        """Mark the transaction's installed TxProfiles ended; how many were (0 after a
        failure, logged)."""
        try:
            return await self._store.end_transaction_profiles(
                station_id, transaction_id, self._now()
            )
        except Exception:
            log.exception("could not end the TxProfiles of transaction %s", transaction_id)
            return 0
