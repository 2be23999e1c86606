"""Plain records of the security block, returned by its store and its queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportedSecurityEvent:
    """A security event as the station reported it (A04), and when the CSMS received it."""

    station_id: str
    type: str
    timestamp: datetime
    tech_info: str | None
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityEventView(ReportedSecurityEvent):
    """One stored security event; `id` orders the feed (later received, higher)."""

    id: int
