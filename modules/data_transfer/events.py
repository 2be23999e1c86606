"""Events of the data-transfer block."""

from __future__ import annotations

from modules.kernel.events import Event, event


@event("DATA_TRANSFER")
class DataTransferred(Event):
    """P01/P02: a DataTransfer was answered and stored (`transfer_id` is its stored row).

    `direction` is FROM_STATION (the station sent it, the CSMS answered) or TO_STATION (the
    CSMS sent it, the station answered); `status` is the answer's. The data is not carried:
    read it with `dataTransfers`.
    """

    transfer_id: int
    direction: str
    vendor_id: str
    message_id: str | None
    status: str
