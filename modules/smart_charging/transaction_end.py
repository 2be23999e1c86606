"""A TxProfile lasts as long as its transaction (K02.FR.05): the station deletes it when the
transaction stops, so the CSMS marks its record TX_ENDED, through the transactions block's
`EndedTransactions` follower (shared subscription `smart-charging-transactions`). It then no
longer counts as installed, neither in the station's profile-count check nor in the expected
composite schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from modules.kernel.ports import Bus
from modules.smart_charging.store import SmartChargingStore
from modules.transactions import EndedTransactions

SUBSCRIPTION = "smart-charging-transactions"


def tx_profile_expiry(
    bus: Bus, store: SmartChargingStore, now: Callable[[], datetime]
) -> EndedTransactions:
    """Marks the TxProfiles of ended transactions TX_ENDED."""
    return EndedTransactions(bus, SUBSCRIPTION, store.end_transaction_profiles, now, "TxProfiles")
