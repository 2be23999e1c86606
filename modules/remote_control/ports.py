"""What the remote-control block needs from other blocks, as ports the composition root
fills: where the TxProfile of an accepted remote start is recorded as its transaction's
(the smart-charging block, K05)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ocpp.v201 import datatypes


class StartProfiles(Protocol):
    """Records the charging profile a station accepted with a RequestStartTransaction."""

    async def record(
        self,
        station_id: str,
        remote_start_id: int,
        evse_id: int | None,
        profile: datatypes.ChargingProfileType,
        transaction_id: str | None,
        now: datetime,
    ) -> None:
        """Store `profile` as the profile of the transaction remote start
        `remote_start_id` begins (`transaction_id` when the answer named one)."""
        ...
