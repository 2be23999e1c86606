"""The smart-charging store's contract, run against the memory twin and the SQL store (on
SQLite and PostgreSQL): profile ids and requestIds allocated, the answers to Set/Clear/Get
recorded, ReportChargingProfiles parts stored once and settling what a complete report
covers, remote-start profiles bound to their transaction, the device model's
SmartChargingCtrlr and running transactions read, and limits, EV needs and schedules, and
composite schedules replaced per EVSE."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from infra.db.models import DeviceAttribute, DeviceVariable, Station, Transaction
from modules.device_model import VariableRef
from modules.smart_charging import (
    ClearCriteria,
    CompositeView,
    MemorySmartChargingStore,
    MemoryTransaction,
    PlanEntry,
    Presence,
    Profile,
    ReportCriteria,
    SiteSettings,
    SmartChargingStore,
    SqlSmartChargingStore,
)
from modules.smart_charging.records import (
    CapabilityVariable,
    EvNeeds,
    NotifiedLimit,
    ReportedPart,
    StationAnswer,
)
from tests.support.clock import NOW, STATION
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
SCHEDULE = {
    "id": 1,
    "chargingRateUnit": "A",
    "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16}],
}
DEFAULT = Profile(1, 1, 0, "TxDefaultProfile", "Relative", (SCHEDULE,))
ACCEPTED = StationAnswer("Accepted")


class Backend(Protocol):
    """A store and what other blocks would have written beside it."""

    store: SmartChargingStore

    async def add_station(self, station_id: str) -> None:
        """Register a station."""

    async def add_variable(self, station_id: str, variable: CapabilityVariable) -> None:
        """Store a SmartChargingCtrlr variable as the device model would."""

    async def add_transaction(
        self,
        station_id: str,
        tx: str,
        evse_id: int,
        remote_start_id: int | None,
        active: bool,
        started_at: datetime | None = None,
    ) -> None:
        """Store a transaction as the transactions block would."""


class MemoryBackend:
    """The memory twin."""

    def __init__(self) -> None:
        self.memory = MemorySmartChargingStore()
        self.store: SmartChargingStore = self.memory
        self.memory.stations.add(STATION)

    async def add_station(self, station_id: str) -> None:
        """Register a station."""
        self.memory.stations.add(station_id)

    async def add_variable(self, station_id: str, variable: CapabilityVariable) -> None:
        """Keep the variable."""
        self.memory.variables.setdefault(station_id, []).append(variable)

    async def add_transaction(
        self,
        station_id: str,
        tx: str,
        evse_id: int,
        remote_start_id: int | None,
        active: bool,
        started_at: datetime | None = None,
    ) -> None:
        """Keep the transaction."""
        self.memory.transactions.setdefault(station_id, []).append(
            MemoryTransaction(tx, evse_id, remote_start_id, active, started_at)
        )


class SqlBackend:
    """The SQL store on an open database."""

    def __init__(self) -> None:
        self.store: SmartChargingStore = SqlSmartChargingStore()

    async def add_station(self, station_id: str) -> None:
        """Register a station."""
        await Station.create(id=station_id)

    async def add_variable(self, station_id: str, variable: CapabilityVariable) -> None:
        """A device_variable row and its Actual attribute."""
        ref = VariableRef(
            "SmartChargingCtrlr",
            variable.variable,
            evse_id=variable.evse_id,
            variable_instance=variable.instance,
        )
        row = await DeviceVariable.create(
            station_id=station_id,
            key=ref.key,
            component_name="SmartChargingCtrlr",
            evse_id=variable.evse_id,
            variable_name=variable.variable,
            variable_instance=variable.instance,
            updated_at=NOW,
        )
        await DeviceAttribute.create(
            variable_id=row.id, type="Actual", value=variable.value, updated_at=NOW
        )

    async def add_transaction(
        self,
        station_id: str,
        tx: str,
        evse_id: int,
        remote_start_id: int | None,
        active: bool,
        started_at: datetime | None = None,
    ) -> None:
        """A charging_transaction row."""
        await Transaction.create(
            station_id=station_id,
            transaction_id=tx,
            evse_id=evse_id,
            remote_start_id=remote_start_id,
            active=active,
            started_at=started_at,
        )


backend = store_fixture(MemoryBackend, SqlBackend, [STATION])


async def _install(store: SmartChargingStore, profile: Profile) -> None:
    await store.open_profile(STATION, profile, NOW)
    await store.record_set_answer(STATION, profile, ACCEPTED, NOW)


async def test_profile_ids_are_allocated_and_a_new_one_is_pending(backend: Backend) -> None:
    store = backend.store
    await backend.add_station("CS2")
    assert await store.open_profile(STATION, DEFAULT, NOW, allocate=True) == 1
    assert await store.open_profile(STATION, replace(DEFAULT, profile_id=7), NOW) == 7
    assert await store.open_profile(STATION, DEFAULT, NOW, allocate=True) == 8
    assert await store.open_profile("CS2", DEFAULT, NOW, allocate=True) == 1
    assert await store.open_profile("CS-NONE", DEFAULT, NOW, allocate=True) is None
    assert await store.open_profile("CS-NONE", DEFAULT, NOW) is None
    pending = await store.profile(STATION, 7)
    assert pending is not None
    assert (pending.presence, pending.requested_at, pending.schedules) == (
        Presence.PENDING,
        NOW,
        [SCHEDULE],
    )


async def test_answers_to_set_replace_and_failures(backend: Backend) -> None:
    """K01: Accepted installs with all fields; a refusal keeps an installed profile as it was
    and makes a new one REJECTED; no answer makes a new one FAILED."""
    store = backend.store
    await _install(store, DEFAULT)
    higher = replace(DEFAULT, stack_level=3)
    await store.open_profile(STATION, higher, LATER)
    await store.record_set_answer(STATION, higher, StationAnswer("Rejected", "Full"), LATER)
    kept = await store.profile(STATION, 1)
    assert kept is not None
    assert (kept.presence, kept.stack_level, kept.status, kept.status_reason) == (
        Presence.INSTALLED,
        0,
        "Rejected",
        "Full",
    )
    await store.record_set_answer(STATION, higher, ACCEPTED, LATER)
    replaced = await store.profile(STATION, 1)
    assert replaced is not None and (replaced.stack_level, replaced.status) == (3, "Accepted")
    fresh = replace(DEFAULT, profile_id=2)
    await store.open_profile(STATION, fresh, NOW)
    await store.record_set_answer(STATION, fresh, StationAnswer("Rejected"), NOW)
    third = replace(DEFAULT, profile_id=3)
    await store.open_profile(STATION, third, NOW)
    await store.record_set_failure(STATION, third.profile_id, "TIMEOUT", None)
    await store.record_set_failure(STATION, 1, "OFFLINE", None)
    views = {view.profile_id: view for view in await store.profiles(STATION)}
    assert views[2].presence is Presence.REJECTED
    assert (views[3].presence, views[3].outcome) == (Presence.FAILED, "TIMEOUT")
    assert (views[1].presence, views[1].outcome) == (Presence.INSTALLED, "OFFLINE")
    installed = await store.profiles(STATION, presences=[Presence.INSTALLED])
    assert [view.profile_id for view in installed] == [1]


async def test_clear_by_id_and_by_criteria(backend: Backend) -> None:
    """K10: Accepted clears what the request addressed (never external constraints by
    criteria); Unknown makes it NOT_ON_STATION."""
    store = backend.store
    await _install(store, DEFAULT)
    await _install(store, replace(DEFAULT, profile_id=2, evse_id=2))
    await _install(store, replace(DEFAULT, profile_id=3, stack_level=1))
    external = replace(
        DEFAULT, profile_id=4, purpose="ChargingStationExternalConstraints", kind="Absolute"
    )
    await store.receive_part(STATION, ReportedPart(90, 1, "SO", (external,), False), NOW)
    cleared = await store.record_clear_answer(STATION, ClearCriteria(evse_id=1), ACCEPTED, LATER)
    assert cleared == 2
    unknown = StationAnswer("Unknown")
    assert await store.record_clear_answer(STATION, ClearCriteria(2), unknown, LATER) == 1
    views = {view.profile_id: view.presence for view in await store.profiles(STATION)}
    assert views == {
        1: Presence.CLEARED,
        2: Presence.NOT_ON_STATION,
        3: Presence.CLEARED,
        4: Presence.INSTALLED,
    }


async def test_report_parts_counted_once_and_settling_the_criteria(backend: Backend) -> None:
    """K09: parts in any order and twice; the first tbc false completes; installed profiles
    the criteria cover that the report left out are NOT_ON_STATION, others stay."""
    store = backend.store
    await _install(store, DEFAULT)
    await _install(
        store,
        replace(
            DEFAULT, profile_id=2, purpose="ChargingStationMaxProfile", evse_id=0, kind="Absolute"
        ),
    )
    request_id = await store.open_request(STATION, ReportCriteria(purpose="TxDefaultProfile"), NOW)
    assert request_id == 1
    assert await store.open_request("CS-NONE", ReportCriteria(), NOW) is None
    reported = replace(DEFAULT, profile_id=5, stack_level=2)
    last = ReportedPart(1, 1, "CSO", (reported,), False)
    first = ReportedPart(1, 2, "CSO", (replace(DEFAULT, profile_id=6, evse_id=2),), True)
    done = await store.receive_part(STATION, last, NOW)
    assert (done.completed, done.repeated, done.request.parts) == (True, False, 1)
    again = await store.receive_part(STATION, last, LATER)
    assert (again.completed, again.repeated, again.request.parts) == (False, True, 1)
    late = await store.receive_part(STATION, first, LATER)
    assert (late.completed, late.request.parts, late.request.profiles) == (False, 2, 2)
    views = {view.profile_id: view for view in await store.profiles(STATION)}
    assert views[1].presence is Presence.NOT_ON_STATION
    assert views[2].presence is Presence.INSTALLED
    assert (views[5].presence, views[5].reported_request_id, views[5].stack_level) == (
        Presence.INSTALLED,
        1,
        2,
    )
    assert views[6].presence is Presence.INSTALLED
    request = await store.request(STATION, 1)
    assert request is not None and request.completed and request.criteria is not None
    assert request.criteria["purpose"] == "TxDefaultProfile"


async def test_no_profiles_completes_and_an_unknown_request_replaces_nothing(
    backend: Backend,
) -> None:
    store = backend.store
    await _install(store, DEFAULT)
    request_id = await store.open_request(STATION, ReportCriteria(evse_id=1, stack_level=0), NOW)
    assert request_id is not None
    await store.record_request_outcome(STATION, request_id, "TIMEOUT", None)
    assert await store.record_request_answer(STATION, request_id, StationAnswer("NoProfiles"), NOW)
    assert not await store.record_request_answer(
        STATION, request_id, StationAnswer("NoProfiles"), NOW
    )
    gone = await store.profile(STATION, 1)
    assert gone is not None and gone.presence is Presence.NOT_ON_STATION
    await _install(store, DEFAULT)
    stranger = ReportedPart(77, 1, "CSO", (replace(DEFAULT, profile_id=9),), False)
    outcome = await store.receive_part(STATION, stranger, NOW)
    assert outcome.completed and outcome.request.criteria is None
    back = await store.profile(STATION, 1)
    assert back is not None and back.presence is Presence.INSTALLED


async def test_remote_start_profiles_belong_to_their_transaction(backend: Backend) -> None:
    """K05: a profile sent with a remote start is found by the transaction that carries the
    remoteStartId; a profile set for the transaction by its id too."""
    store = backend.store
    await backend.add_transaction(STATION, "TX-1", 1, 42, True)
    await backend.add_transaction(STATION, "TX-0", 2, None, False)
    tx = replace(DEFAULT, purpose="TxProfile")
    await store.record_start_profile(STATION, 42, tx, None, NOW)
    own = replace(tx, profile_id=2, stack_level=1, transaction_id="TX-1")
    await _install(store, own)
    found = await store.transaction_profiles(STATION, "TX-1")
    assert [(view.profile_id, view.remote_start_id) for view in found] == [(1, 42), (2, None)]
    assert await store.transaction_profiles(STATION, "TX-9") == []
    running = await store.running_transaction(STATION, "TX-1")
    assert running is not None and running.evse_id == 1
    assert await store.running_transaction(STATION, "TX-0") is None
    on_evse = await store.running_on_evse(STATION, 1)
    assert on_evse is not None and on_evse.transaction_id == "TX-1"
    assert await store.running_on_evse(STATION, 2) is None


async def test_k02_fr_05_a_transactions_tx_profiles_end_with_it(backend: Backend) -> None:
    """K02.FR.05: when the transaction stops, its installed TxProfiles (set for it, or sent
    with its remote start) become TX_ENDED; other transactions' and other purposes' stay, a
    cleared one stays CLEARED, and ending it again changes nothing."""
    store = backend.store
    await backend.add_transaction(STATION, "TX-1", 1, 42, True)
    await backend.add_transaction(STATION, "TX-2", 2, None, True)
    tx = replace(DEFAULT, purpose="TxProfile")
    await store.record_start_profile(STATION, 42, tx, None, NOW)
    await _install(store, replace(tx, profile_id=2, stack_level=1, transaction_id="TX-1"))
    await _install(store, replace(tx, profile_id=3, stack_level=2, transaction_id="TX-1"))
    await store.record_clear_answer(STATION, ClearCriteria(3), ACCEPTED, NOW)
    await _install(store, replace(tx, profile_id=4, evse_id=2, transaction_id="TX-2"))
    await _install(store, replace(DEFAULT, profile_id=5))
    assert await store.end_transaction_profiles(STATION, "TX-1", LATER) == 2
    views = {view.profile_id: view for view in await store.profiles(STATION)}
    assert {pid: view.presence for pid, view in views.items()} == {
        1: Presence.TX_ENDED,
        2: Presence.TX_ENDED,
        3: Presence.CLEARED,
        4: Presence.INSTALLED,
        5: Presence.INSTALLED,
    }
    assert views[2].updated_at == LATER
    assert await store.end_transaction_profiles(STATION, "TX-1", LATER) == 0
    assert await store.end_transaction_profiles(STATION, "TX-9", LATER) == 0


async def test_capability_variables_are_read_from_the_device_model(backend: Backend) -> None:
    await backend.add_variable(STATION, CapabilityVariable("ProfileStackLevel", None, None, "8"))
    await backend.add_variable(
        STATION, CapabilityVariable("Entries", "ChargingProfiles", None, "4")
    )
    await backend.add_variable(
        STATION, CapabilityVariable("ACPhaseSwitchingSupported", None, 1, "true")
    )
    found = sorted(await backend.store.capability_variables(STATION), key=lambda v: v.variable)
    assert [(v.variable, v.instance, v.evse_id, v.value) for v in found] == [
        ("ACPhaseSwitchingSupported", None, 1, "true"),
        ("Entries", "ChargingProfiles", None, "4"),
        ("ProfileStackLevel", None, None, "8"),
    ]
    assert await backend.store.capability_variables("CS-NONE") == []


async def test_limits_needs_schedules_and_composites_replace_per_evse(backend: Backend) -> None:
    """K12/K13, K15, K08: one row per EVSE (and source), the last one kept."""
    store = backend.store
    external = replace(
        DEFAULT, profile_id=4, purpose="ChargingStationExternalConstraints", kind="Absolute"
    )
    await store.receive_part(STATION, ReportedPart(90, 1, "SO", (external,), False), NOW)
    await store.record_limit(STATION, NotifiedLimit(1, "SO", True, (SCHEDULE,)), NOW)
    await store.record_limit(STATION, NotifiedLimit(1, "SO", False, None), LATER)
    await store.record_limit(STATION, NotifiedLimit(0, "EMS", None, None), NOW)
    await store.clear_limit(STATION, 1, "SO", LATER)
    limits = await store.limits(STATION)
    assert [(v.evse_id, v.source, v.is_grid_critical, v.cleared_at) for v in limits] == [
        (0, "EMS", None, None),
        (1, "SO", False, LATER),
    ]
    gone = await store.profile(STATION, 4)
    assert gone is not None and gone.presence is Presence.NOT_ON_STATION
    needs = EvNeeds(
        evse_id=1,
        needs={"requestedEnergyTransfer": "DC"},
        energy_transfer="DC",
        departure_time=LATER,
        energy_amount=1000,
        max_schedule_tuples=3,
    )
    await store.record_needs(STATION, needs, "TX-1", "Accepted", NOW)
    await store.record_offer(STATION, 1, 5, "Accepted", None)
    await store.record_needs(STATION, replace(needs, energy_amount=2000), "TX-1", "Accepted", LATER)
    stored = await store.needs(STATION, 1)
    assert stored is not None
    assert (stored.energy_amount, stored.offered_profile_id, stored.received_at) == (
        2000,
        None,
        LATER,
    )
    await store.record_offer(STATION, 1, 6, "Rejected", None)
    (listed,) = await store.all_needs(STATION)
    assert (listed.offered_profile_id, listed.offer_status, listed.departure_time) == (
        6,
        "Rejected",
        LATER,
    )
    await store.record_ev_schedule(STATION, 1, NOW, SCHEDULE, NOW)
    await store.record_ev_schedule(STATION, 1, LATER, SCHEDULE, LATER)
    (schedule,) = await store.ev_schedules(STATION)
    assert (schedule.time_base, schedule.schedule) == (LATER, SCHEDULE)
    composite = CompositeView(
        station_id=STATION,
        evse_id=1,
        duration=60,
        charging_rate_unit="W",
        status="Accepted",
        status_reason=None,
        schedule={"evseId": 1},
        answered_at=NOW,
    )
    await store.record_composite(STATION, composite)
    await store.record_composite(STATION, replace(composite, status="Rejected", schedule=None))
    (answer,) = await store.composites(STATION)
    assert (answer.status, answer.schedule, answer.charging_rate_unit) == ("Rejected", None, "W")


async def test_running_transactions_with_their_start_by_evse(backend: Backend) -> None:
    """The expected composite schedule (K08) reads the running transactions and their start:
    by EVSE, ended ones left out."""
    await backend.add_transaction(STATION, "TX-2", 2, None, True, NOW)
    await backend.add_transaction(STATION, "TX-1", 1, None, True, LATER)
    await backend.add_transaction(STATION, "TX-0", 3, None, False, NOW)
    running = await backend.store.running_transactions(STATION)
    assert [(tx.transaction_id, tx.evse_id) for tx in running] == [("TX-1", 1), ("TX-2", 2)]
    assert [tx.started_at for tx in running] == [LATER, NOW]
    assert await backend.store.running_transactions("CS-OTHER") == []


async def test_sites_their_stations_transactions_and_plan(backend: Backend) -> None:
    """Site load management: a site upserted and changed, stations taken from another site,
    unknown stations named, the running transactions of its stations read by start with
    their charging state, the plan replaced, and deletion."""
    store = backend.store
    await backend.add_station("CS-2")
    assert await store.set_site_stations("S1", [STATION]) is None
    await store.upsert_site(SiteSettings("S1", "Depot", 32.0), NOW)
    await store.upsert_site(SiteSettings("S2", "Yard", 11000.0, "W", 3, 1380.0, 7000.0), NOW)
    assert await store.set_site_stations("S2", [STATION]) == []
    assert await store.set_site_stations("S1", [STATION, "CS-2", "CS-X"]) == ["CS-X"]
    await store.upsert_site(SiteSettings("S1", "Depot 2", 40.0), LATER)
    assert await store.site_of(STATION) == "S1" and await store.site_of("CS-X") is None
    await backend.add_transaction(STATION, "TX-2", 2, None, True, LATER)
    await backend.add_transaction("CS-2", "TX-1", 1, None, True, NOW)
    await backend.add_transaction("CS-2", "TX-0", 2, None, False, NOW)
    rows = await store.site_transactions("S1")
    assert [(r.station_id, r.transaction_id, r.evse_id) for r in rows] == [
        ("CS-2", "TX-1", 1),
        (STATION, "TX-2", 2),
    ]
    entry = PlanEntry(
        station_id="CS-2",
        evse_id=1,
        transaction_id="TX-1",
        limit=16.0,
        counted=16.0,
        reason="share",
        acknowledged=True,
        held=16.0,
        profile_id=3,
        planned_at=NOW,
    )
    await store.replace_plan("S1", [entry])
    await store.replace_plan(
        "S1", [entry, replace(entry, transaction_id="TX-2", station_id=STATION)]
    )
    sites = await store.sites()
    assert [(v.site.site_id, v.site.name, v.site.grid_limit, v.station_ids) for v in sites] == [
        ("S1", "Depot 2", 40.0, ["CS-2", STATION]),
        ("S2", "Yard", 11000.0, []),
    ]
    assert sites[1].site == SiteSettings("S2", "Yard", 11000.0, "W", 3, 1380.0, 7000.0)
    one = await store.site("S1")
    assert one is not None and [(e.station_id, e.transaction_id) for e in one.plan] == [
        ("CS-2", "TX-1"),
        (STATION, "TX-2"),
    ]
    assert one.plan[0] == entry
    assert await store.delete_site("S1") and not await store.delete_site("S1")
    assert await store.site("S1") is None and await store.site_of(STATION) is None


async def test_one_node_at_a_time_holds_a_sites_replan_lease(backend: Backend) -> None:
    """A site's re-plan lease: taken when free, refused to another node while held, renewed
    by its holder; a request from another node keeps it for one more round; released when
    none was wanted; taken over once expired; never for an unknown site."""
    store = backend.store
    await store.upsert_site(SiteSettings("S1", "Depot", 32.0), NOW)
    assert await store.take_site_round("S1", "A", NOW, LATER)
    assert not await store.take_site_round("S1", "B", NOW, LATER)
    assert await store.take_site_round("S1", "A", NOW, LATER)
    await store.want_site_round("S1")
    assert await store.release_site_round("S1", "A") is True
    assert not await store.take_site_round("S1", "B", NOW, LATER)
    assert await store.take_site_round("S1", "A", NOW, LATER)
    assert await store.release_site_round("S1", "A") is False
    assert await store.release_site_round("S1", "A") is False
    assert await store.take_site_round("S1", "B", NOW, LATER)
    after = LATER + timedelta(seconds=1)
    assert await store.take_site_round("S1", "A", after, after + timedelta(seconds=5))
    assert await store.release_site_round("S1", "B") is False
    assert not await store.take_site_round("S1", "B", after, after)
    await store.upsert_site(SiteSettings("S1", "Depot 2", 40.0), after)
    assert not await store.take_site_round("S1", "B", after, after)
    assert not await store.take_site_round("S-NONE", "A", NOW, LATER)
    await store.want_site_round("S-NONE")
    assert await store.release_site_round("S-NONE", "A") is False


async def test_orphaned_site_rounds_are_found(backend: Backend) -> None:
    """A lease that expired while naming a node (it died mid-round) and a free site with a
    round wanted are orphans; a held lease, a released one and an unwanted free site are not."""
    store = backend.store
    for site_id in ("S-DEAD", "S-HELD", "S-WANTED", "S-DONE", "S-IDLE"):
        await store.upsert_site(SiteSettings(site_id, site_id, 32.0), NOW)
    assert await store.take_site_round("S-DEAD", "A", NOW, NOW)
    assert await store.take_site_round("S-HELD", "B", NOW, LATER + timedelta(seconds=5))
    await store.want_site_round("S-WANTED")
    assert await store.take_site_round("S-DONE", "A", NOW, LATER)
    assert await store.release_site_round("S-DONE", "A") is False
    assert await store.orphaned_site_rounds(LATER) == ["S-DEAD", "S-WANTED"]
    assert await store.orphaned_site_rounds(NOW) == ["S-WANTED"]
