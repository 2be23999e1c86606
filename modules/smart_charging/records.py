"""The plain records the smart-charging store returns and the queries hand on, and the
values its workflows and handlers pass to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from modules.kernel.ocpp_parts import StationAnswer as StationAnswer

JsonObject = dict[str, Any]
"""A camelCase OCPP object as JSON (a ChargingScheduleType, a ChargingNeedsType, ...)."""


class Presence(StrEnum):
    """Where a charging profile id of a station stands, as far as the CSMS knows."""

    PENDING = "PENDING"
    INSTALLED = "INSTALLED"
    REJECTED = "REJECTED"
    FAILED = "FAILED"
    CLEARED = "CLEARED"
    NOT_ON_STATION = "NOT_ON_STATION"
    TX_ENDED = "TX_ENDED"
    """A TxProfile whose transaction ended: the station deleted it (K02.FR.05)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """A charging profile on an EVSE (0: the whole station), its schedules as JSON."""

    evse_id: int
    profile_id: int
    stack_level: int
    purpose: str
    kind: str
    schedules: tuple[JsonObject, ...]
    recurrency_kind: str | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    transaction_id: str | None = None
    charging_limit_source: str = "CSO"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileView:
    """A charging profile id of a station as the CSMS knows it."""

    station_id: str
    evse_id: int
    profile_id: int
    stack_level: int
    purpose: str
    kind: str
    recurrency_kind: str | None
    valid_from: datetime | None
    valid_to: datetime | None
    transaction_id: str | None
    remote_start_id: int | None
    charging_limit_source: str
    schedules: list[JsonObject]
    presence: Presence
    status: str | None
    status_reason: str | None
    outcome: str | None
    error_code: str | None
    reported_request_id: int | None
    requested_at: datetime | None
    answered_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ClearCriteria:
    """What a ClearChargingProfile clears: a profile id, or profiles by EVSE, purpose and
    stack level (each absent: any)."""

    profile_id: int | None = None
    evse_id: int | None = None
    purpose: str | None = None
    stack_level: int | None = None


@dataclass(frozen=True, slots=True)
class ReportCriteria:
    """What a GetChargingProfiles asks for (K09): an EVSE (None: every EVSE), purpose, stack
    level, profile ids, limit sources (each absent: any)."""

    evse_id: int | None = None
    purpose: str | None = None
    stack_level: int | None = None
    profile_ids: tuple[int, ...] | None = None
    sources: tuple[str, ...] | None = None

    def as_json(self) -> JsonObject:
        """The criteria as stored with the request."""
        return {
            "evseId": self.evse_id,
            "purpose": self.purpose,
            "stackLevel": self.stack_level,
            "profileIds": list(self.profile_ids) if self.profile_ids is not None else None,
            "sources": list(self.sources) if self.sources is not None else None,
        }

    @classmethod
    def from_json(cls, data: JsonObject) -> ReportCriteria:
        """The criteria as stored with a request."""
        ids = data.get("profileIds")
        sources = data.get("sources")
        return cls(
            data.get("evseId"),
            data.get("purpose"),
            data.get("stackLevel"),
            tuple(ids) if ids is not None else None,
            tuple(sources) if sources is not None else None,
        )

    def covers(self, profile: ProfileView) -> bool:
        """Whether a complete report for these criteria would have listed `profile`."""
        return (
            (self.evse_id is None or profile.evse_id == self.evse_id)
            and (self.purpose is None or profile.purpose == self.purpose)
            and (self.stack_level is None or profile.stack_level == self.stack_level)
            and (self.profile_ids is None or profile.profile_id in self.profile_ids)
            and (self.sources is None or profile.charging_limit_source in self.sources)
        )


@dataclass(frozen=True, slots=True)
class ReportedPart:
    """One ReportChargingProfiles: its requestId, EVSE, limit source, profiles and tbc."""

    request_id: int
    evse_id: int
    source: str
    profiles: tuple[Profile, ...]
    tbc: bool

    @property
    def key(self) -> str:
        """What tells this part from the request's others (a repeat has the same key)."""
        ids = ",".join(str(profile.profile_id) for profile in self.profiles)
        return f"{self.evse_id}/{self.source}/{ids}/{int(self.tbc)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileRequestView:
    """A GetChargingProfiles request and how far its reports got."""

    station_id: str
    request_id: int
    evse_id: int | None
    criteria: JsonObject | None
    requested_at: datetime | None
    outcome: str | None
    status: str | None
    status_reason: str | None
    error_code: str | None
    parts: int
    profiles: int
    completed_at: datetime | None

    @property
    def completed(self) -> bool:
        """Whether the last report (tbc false) arrived, or the station had nothing to report."""
        return self.completed_at is not None


@dataclass(frozen=True, slots=True)
class PartOutcome:
    """What storing a report part did: whether it completed its request (first part with tbc
    false), whether it was a repeat, and the request after it."""

    request: ProfileRequestView
    completed: bool
    repeated: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ChargingLimitView:
    """An external limit a station notified (K12) on an EVSE (0: the station) by source."""

    station_id: str
    evse_id: int
    source: str
    is_grid_critical: bool | None
    schedules: list[JsonObject] | None
    notified_at: datetime
    cleared_at: datetime | None


@dataclass(frozen=True, slots=True)
class NotifiedLimit:
    """A NotifyChargingLimit: EVSE (0: the station), source, grid criticality, schedules."""

    evse_id: int
    source: str
    is_grid_critical: bool | None
    schedules: tuple[JsonObject, ...] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EvNeeds:
    """A NotifyEVChargingNeeds: the EVSE, the needs (JSON) and what the offer is built from."""

    evse_id: int
    needs: JsonObject
    energy_transfer: str
    departure_time: datetime | None
    energy_amount: int | None
    max_schedule_tuples: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EvNeedsView:
    """The last charging needs of an EV on an EVSE, the answer given, the offer made."""

    station_id: str
    evse_id: int
    needs: JsonObject
    energy_transfer: str
    departure_time: datetime | None
    energy_amount: int | None
    max_schedule_tuples: int | None
    transaction_id: str | None
    status: str
    offered_profile_id: int | None
    offer_status: str | None
    offer_problem: str | None
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class EvScheduleView:
    """The last charging schedule an EV chose on an EVSE (NotifyEVChargingSchedule)."""

    station_id: str
    evse_id: int
    time_base: datetime
    schedule: JsonObject
    received_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CompositeView:
    """A station's last GetCompositeSchedule answer for an EVSE."""

    station_id: str
    evse_id: int
    duration: int
    charging_rate_unit: str | None
    status: str
    status_reason: str | None
    schedule: JsonObject | None
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class RunningTransaction:
    """A transaction the CSMS believes runs on a station: its id and EVSE."""

    transaction_id: str
    evse_id: int | None


@dataclass(frozen=True, slots=True)
class TransactionStart:
    """A running transaction of a station: its id, EVSE and when it started (None: unknown)."""

    transaction_id: str
    evse_id: int | None
    started_at: datetime | None


@dataclass(frozen=True, slots=True)
class CapabilityVariable:
    """A SmartChargingCtrlr variable as reported: name, instance, EVSE, Actual value."""

    variable: str
    instance: str | None
    evse_id: int | None
    value: str | None


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """A site: its grid limit (`unit` "A" per phase or "W" in total, on `phases`) and the
    default minimum and maximum of each EVSE's transaction (same unit)."""

    site_id: str
    name: str
    grid_limit: float
    unit: str = "A"
    phases: int = 3
    evse_min: float = 6.0
    evse_max: float = 32.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanEntry:
    """A transaction's place in its site's latest plan (limits in the site's unit)."""

    station_id: str
    evse_id: int
    transaction_id: str
    limit: float
    counted: float
    reason: str
    acknowledged: bool
    held: float | None
    profile_id: int | None
    planned_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteView:
    """A site, its stations (by id) and its latest plan (by station, EVSE)."""

    site: SiteSettings
    station_ids: list[str]
    plan: list[PlanEntry]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SiteTransactionRow:
    """A transaction running on a station of a site: where, since when, its charging state."""

    station_id: str
    transaction_id: str
    evse_id: int
    started_at: datetime | None
    charging_state: str | None
