"""Smart charging (OCPP 2.0.1 block K): SetChargingProfile, ClearChargingProfile,
GetChargingProfiles / ReportChargingProfiles, GetCompositeSchedule, NotifyChargingLimit,
ClearedChargingLimit, NotifyEVChargingNeeds, NotifyEVChargingSchedule.

Keeps each station's charging profiles as the CSMS knows them (`Presence`). A profile is
checked before sending (K01's rules, then the station's SmartChargingCtrlr variables, the
profiles it holds and, for a TxProfile, its running transactions), its id allocated when the
operator gives none, and the answer stored by the result handler (K01-K03, K10).
GetChargingProfiles requests get a requestId; their ReportChargingProfiles parts (a resent
part stored once) replace what the CSMS believed the station holds for the criteria asked (K09).
Composite schedules (K08), external limits (K12, K13), EV charging needs and schedules
(K15-K17, with a TxProfile offered: `ChargingNeedsOffers`) are stored; the TxProfile of a
remote start is recorded as its transaction's (K05, `StartProfiles`, remote control's port);
when the transaction ends its TxProfiles become TX_ENDED (K02.FR.05, `tx_profile_expiry`).
Emits CHARGING_PROFILE_SET, CHARGING_PROFILE_CLEARED, CHARGING_PROFILES_REQUESTED,
CHARGING_PROFILES_REPORTED, COMPOSITE_SCHEDULE_RECEIVED, CHARGING_LIMIT_CHANGED,
EV_CHARGING_NEEDS_RECEIVED, EV_CHARGING_SCHEDULE_RECEIVED and SITE_PLAN_CHANGED. Sites share
a grid limit among the transactions of their stations (`SitePlanning`, `SitePlanner`). The
composite schedule the CSMS expects a station to report is computed from the stored profiles
(`ExpectedSchedules`).
"""

from modules.smart_charging.commands import (
    RequestOutcome,
    SetOutcome,
    SmartCharging,
    StartProfiles,
    clear_charging_profile,
    get_composite_schedule,
)
from modules.smart_charging.composite_schedule import CompositeSchedule
from modules.smart_charging.events import (
    ChargingLimitChanged,
    ChargingProfileCleared,
    ChargingProfileSet,
    ChargingProfilesReported,
    ChargingProfilesRequested,
    CompositeScheduleReceived,
    EvChargingNeedsReceived,
    EvChargingScheduleReceived,
    SitePlanChanged,
)
from modules.smart_charging.expected import DEFAULT_VOLTAGE, ExpectedSchedules
from modules.smart_charging.memory_store import MemorySmartChargingStore, MemoryTransaction
from modules.smart_charging.module import build_module
from modules.smart_charging.offers import ChargingNeedsOffers
from modules.smart_charging.queries import SmartChargingQueries
from modules.smart_charging.records import (
    ChargingLimitView,
    ClearCriteria,
    CompositeView,
    EvNeedsView,
    EvScheduleView,
    PlanEntry,
    Presence,
    Profile,
    ProfileRequestView,
    ProfileView,
    ReportCriteria,
    SiteSettings,
    SiteView,
)
from modules.smart_charging.site_planner import SitePlanner, SitePlanning
from modules.smart_charging.store import SmartChargingStore, SqlSmartChargingStore
from modules.smart_charging.transaction_end import tx_profile_expiry

__all__ = [
    "DEFAULT_VOLTAGE",
    "ChargingLimitChanged",
    "ChargingLimitView",
    "ChargingNeedsOffers",
    "ChargingProfileCleared",
    "ChargingProfileSet",
    "ChargingProfilesReported",
    "ChargingProfilesRequested",
    "ClearCriteria",
    "CompositeSchedule",
    "CompositeScheduleReceived",
    "CompositeView",
    "EvChargingNeedsReceived",
    "EvChargingScheduleReceived",
    "EvNeedsView",
    "EvScheduleView",
    "ExpectedSchedules",
    "MemorySmartChargingStore",
    "MemoryTransaction",
    "PlanEntry",
    "Presence",
    "Profile",
    "ProfileRequestView",
    "ProfileView",
    "ReportCriteria",
    "RequestOutcome",
    "SetOutcome",
    "SitePlanChanged",
    "SitePlanner",
    "SitePlanning",
    "SiteSettings",
    "SiteView",
    "SmartCharging",
    "SmartChargingQueries",
    "SmartChargingStore",
    "SqlSmartChargingStore",
    "StartProfiles",
    "build_module",
    "clear_charging_profile",
    "get_composite_schedule",
    "tx_profile_expiry",
]
