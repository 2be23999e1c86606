"""Plain records of the data-transfer block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class Direction(StrEnum):
    """Who sent the DataTransfer: the station (P02) or the CSMS (P01)."""

    FROM_STATION = "FROM_STATION"
    TO_STATION = "TO_STATION"


@dataclass(frozen=True, slots=True, kw_only=True)
class Transfer:
    """One DataTransfer and its answer, as stored.

    `data` and `response_data` are the JSON values as sent (None: absent). A transfer to the
    station that got no answer (TIMEOUT, CALL_ERROR) has no status, `outcome` and
    `error_code` say why; a transfer from the station has the outcome RESULT (the CSMS
    answered it). `recorded_at` is when it ended: received and answered (from the station),
    answered or given up (to the station).
    """

    station_id: str
    direction: Direction
    vendor_id: str
    message_id: str | None
    data: Any
    outcome: str
    status: str | None
    reason_code: str | None
    additional_info: str | None
    response_data: Any
    error_code: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferView(Transfer):
    """One stored transfer; `id` orders the feed (stored later, higher)."""

    id: int
