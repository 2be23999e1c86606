"""Messages bound to a transaction end with it (O02.FR.02): the station removes them, so the
CSMS marks its record TRANSACTION_ENDED and drops them from the reported catalogue, through
the transactions block's `EndedTransactions` follower (shared subscription
`display-message-transactions`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from modules.display_messages.store import DisplayMessageStore
from modules.kernel.ports import Bus
from modules.transactions import EndedTransactions

SUBSCRIPTION = "display-message-transactions"


def transaction_end_follower(
    bus: Bus, store: DisplayMessageStore, now: Callable[[], datetime]
) -> EndedTransactions:
    """Marks the display messages of ended transactions."""
    return EndedTransactions(bus, SUBSCRIPTION, store.end_transaction, now, "display messages")
