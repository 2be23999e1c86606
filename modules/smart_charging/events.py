"""Events of the smart-charging block (camelCase payload keys as on the events topic).

CHARGING_PROFILE_SET, when a station answered a SetChargingProfile (K01):
    {profileId, evseId, purpose, stackLevel, transactionId, status, reasonCode, additionalInfo}
CHARGING_PROFILE_CLEARED, when a station answered a ClearChargingProfile (K10):
    {profileId, evseId, purpose, stackLevel, cleared, status, reasonCode, additionalInfo}
CHARGING_PROFILES_REQUESTED, when a station answered a GetChargingProfiles (K09):
    {requestId, status, reasonCode, additionalInfo}
CHARGING_PROFILES_REPORTED, when a GetChargingProfiles request completed (its last
ReportChargingProfiles, tbc false, was stored, or the station had none):
    {requestId, parts, profiles}
COMPOSITE_SCHEDULE_RECEIVED, when a station answered a GetCompositeSchedule (K08):
    {evseId, duration, status, reasonCode, additionalInfo}
CHARGING_LIMIT_CHANGED, when a station notified or cleared an external limit (K12, K13):
    {evseId, source, isGridCritical, cleared}
EV_CHARGING_NEEDS_RECEIVED, when a NotifyEVChargingNeeds was stored and answered (K15-K17):
    {evseId, transactionId, status}
EV_CHARGING_SCHEDULE_RECEIVED, when a NotifyEVChargingSchedule was stored (K15.FR.10):
    {evseId}
SITE_PLAN_CHANGED, when a site's plan was re-made and differs from the one before (about the
station whose change set it off):
    {siteId, capacity, counted, unit, allocations: [{stationId, evseId, transactionId, limit,
     counted, reason, acknowledged}]}
"""

from __future__ import annotations

from typing import Any

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("CHARGING_PROFILE_SET")
class ChargingProfileSet(Answered):
    """K01: the station answered a SetChargingProfile."""

    profile_id: int
    evse_id: int
    purpose: str
    stack_level: int
    transaction_id: str | None = None


@event("CHARGING_PROFILE_CLEARED")
class ChargingProfileCleared(Answered):
    """K10: the station answered a ClearChargingProfile (by id, or by the criteria given);
    `cleared` counts the profiles the CSMS no longer believes installed."""

    profile_id: int | None
    evse_id: int | None
    purpose: str | None
    stack_level: int | None
    cleared: int


@event("CHARGING_PROFILES_REQUESTED")
class ChargingProfilesRequested(Answered):
    """K09: the station answered a GetChargingProfiles (Accepted: reports follow)."""

    request_id: int


@event("CHARGING_PROFILES_REPORTED")
class ChargingProfilesReported(Event):
    """K09: a GetChargingProfiles request completed; `parts` counts the distinct
    ReportChargingProfiles received, `profiles` the profiles they carried."""

    request_id: int
    parts: int
    profiles: int


@event("COMPOSITE_SCHEDULE_RECEIVED")
class CompositeScheduleReceived(Answered):
    """K08: the station answered a GetCompositeSchedule (stored with its schedule)."""

    evse_id: int
    duration: int


@event("CHARGING_LIMIT_CHANGED")
class ChargingLimitChanged(Event):
    """K12/K13: an external system set (or cleared) a limit on the station."""

    evse_id: int
    source: str
    is_grid_critical: bool | None
    cleared: bool


@event("EV_CHARGING_NEEDS_RECEIVED")
class EvChargingNeedsReceived(Event):
    """K15-K17: an EV's charging needs were stored and answered `status` (Accepted: the CSMS
    offers a schedule for `transaction_id`)."""

    evse_id: int
    transaction_id: str | None
    status: str


@event("EV_CHARGING_SCHEDULE_RECEIVED")
class EvChargingScheduleReceived(Event):
    """K15.FR.10: the schedule an EV chose was stored."""

    evse_id: int


@event("SITE_PLAN_CHANGED")
class SitePlanChanged(Event):
    """Site load management: the site's plan changed; `allocations` are its per-transaction
    limits (site unit), what each counts for, why, and whether its station acknowledged."""

    site_id: str
    capacity: float
    counted: float
    unit: str
    allocations: list[dict[str, Any]]
