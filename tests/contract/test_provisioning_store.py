"""The provisioning store contract: the same cases run against the memory twin and the SQL
store on SQLite and PostgreSQL, so the twin the unit tests use cannot drift from the store
the CSMS runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from modules.device_model import SqlDeviceModelStore
from modules.device_model.policy import HEARTBEAT_INTERVAL
from modules.device_model.records import AttributeRow, DeviceModelRows, VariableRow
from modules.kernel.connection_ids import connection_id
from modules.provisioning import (
    BootConfigurationSettings,
    ConnectorRecord,
    MemoryProvisioningStore,
    NetworkProfileRecord,
    ProvisioningStore,
    SqlProvisioningStore,
    StationFilter,
)
from modules.provisioning.records import Boot
from tests.support.provisioning import CONNECTOR_POWER
from tests.support.stores import store_fixture

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
VARIABLE = CONNECTOR_POWER


store = store_fixture(MemoryProvisioningStore, SqlProvisioningStore)
"""A fresh, empty store of each kind."""


def _boot(station_id: str, at: datetime, status: str = "Accepted", model: str = "M") -> Boot:
    return Boot(
        station_id=station_id,
        at=at,
        reason="PowerUp",
        vendor_name="V",
        model=model,
        status=status,
        interval=60,
        serial_number="SN",
        firmware_version="1.0",
        modem_iccid="8931",
    )


async def test_a_boot_creates_the_station_and_is_kept_in_its_history(
    store: ProvisioningStore,
) -> None:
    await store.record_boot(_boot("CS1", T0, "Pending", model="Old"))
    await store.record_boot(_boot("CS1", T0 + timedelta(minutes=1), model="New"))

    station = await store.station("CS1")
    assert station is not None
    assert (station.registration_status, station.model, station.serial_number) == (
        "Accepted",
        "New",
        "SN",
    )
    assert (station.modem_iccid, station.modem_imsi, station.last_boot_reason) == (
        "8931",
        None,
        "PowerUp",
    )
    assert station.last_boot_at == station.last_seen_at == T0 + timedelta(minutes=1)
    assert (station.online, station.security_profile) == (False, 1)
    history = await store.boot_history("CS1", 10)
    assert [(b.model, b.status, b.interval) for b in history] == [
        ("New", "Accepted", 60),
        ("Old", "Pending", 60),
    ]
    assert [b.model for b in await store.boot_history("CS1", 1)] == ["New"]


async def test_boot_inputs_report_the_policy_and_the_configuration_state(
    store: ProvisioningStore,
) -> None:
    await store.register_station("CS1", None, None)
    assert await store.boot_inputs("CS1") == await store.boot_inputs("CS-NONE")
    assert (await store.boot_inputs("CS1")).has_policy is False

    await store.set_boot_policy("CS1", "Pending", 5)
    await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (VARIABLE,), False, "FullInventory")
    )
    pending = await store.boot_inputs("CS1")
    await store.mark_configuration_applied("CS1", T0)
    applied = await store.boot_inputs("CS1")

    assert (pending.has_policy, pending.policy_status, pending.policy_interval) == (
        True,
        "Pending",
        5,
    )
    assert (pending.has_configuration, pending.configuration_applied) == (True, False)
    assert (applied.has_configuration, applied.configuration_applied) == (True, True)


async def test_connector_statuses_return_the_previous_one(store: ProvisioningStore) -> None:
    for station_id in ("CS1", "CS2", "CS3"):
        await store.register_station(station_id, None, None)

    first = await store.store_connector_status(ConnectorRecord("CS1", 1, 1, "Available", T0), T0)
    again = await store.store_connector_status(
        ConnectorRecord("CS1", 1, 1, "Occupied", T0 + timedelta(1)), T0
    )
    await store.store_connector_status(ConnectorRecord("CS1", 2, 1, "Faulted", T0), T0)
    await store.store_connector_status(ConnectorRecord("CS2", 1, 1, "Available", T0), T0)
    found = await store.connectors(["CS1", "CS3"])

    assert (first, again) == (None, "Available")
    assert set(found) == {"CS1", "CS3"} and found["CS3"] == []
    assert sorted((c.evse_id, c.connector_id, c.status, c.reported_at) for c in found["CS1"]) == [
        (1, 1, "Occupied", T0 + timedelta(1)),
        (2, 1, "Faulted", T0),
    ]


async def test_a_disconnect_of_a_replaced_connection_is_ignored(store: ProvisioningStore) -> None:
    await store.mark_connected("CS1", "n1", "c-1", T0)
    await store.mark_connected("CS1", "n2", "c-2", T0 + timedelta(seconds=1))

    stale = await store.mark_disconnected("CS1", "c-1", T0 + timedelta(seconds=2))
    online = await store.station("CS1")
    current = await store.mark_disconnected("CS1", "c-2", T0 + timedelta(seconds=3))
    offline = await store.station("CS1")

    assert (stale, current) == (False, True)
    assert online is not None and online.online is True
    assert online.last_seen_at == T0 + timedelta(seconds=1)
    assert offline is not None and offline.online is False
    assert offline.last_seen_at == T0 + timedelta(seconds=3)
    assert await store.mark_disconnected("CS1", "c-2", T0) is False
    assert await store.mark_disconnected("CS-NONE", "c-1", T0) is False


async def test_a_late_connected_of_an_older_connection_changes_nothing(
    store: ProvisioningStore,
) -> None:
    """Issue 20 item 2: lifecycle events of an older generation never overwrite newer state."""
    older, newer = connection_id(7), connection_id(8)
    await store.mark_connected("CS1", "n2", newer, T0)
    await store.mark_connected("CS1", "n1", older, T0 + timedelta(seconds=1))

    assert await store.mark_disconnected("CS1", older, T0 + timedelta(seconds=2)) is False
    assert (await store.connections_by_node()) == {"n2": [("CS1", newer)]}
    assert await store.mark_disconnected("CS1", newer, T0 + timedelta(seconds=3)) is True


async def test_online_stations_are_listed_by_the_node_holding_them(
    store: ProvisioningStore,
) -> None:
    """What the sweep of a dead node's stations reads (issue 20 item 1)."""
    await store.mark_connected("CS1", "n1", "c-1", T0)
    await store.mark_connected("CS2", "n1", "c-2", T0)
    await store.mark_connected("CS3", "n2", "c-3", T0)
    await store.mark_connected("CS4", "n2", "c-4", T0)
    await store.mark_disconnected("CS4", "c-4", T0)

    found = await store.connections_by_node()

    assert {node: sorted(pairs) for node, pairs in found.items()} == {
        "n1": [("CS1", "c-1"), ("CS2", "c-2")],
        "n2": [("CS3", "c-3")],
    }


async def test_last_seen_times_never_move_backwards(store: ProvisioningStore) -> None:
    await store.mark_connected("CS1", "n1", "c-1", T0)
    await store.register_station("CS2", None, None)

    await store.write_last_seen(
        {"CS1": T0 - timedelta(seconds=5), "CS2": T0, "CS-NONE": T0 + timedelta(seconds=9)}
    )

    one, two = await store.station("CS1"), await store.station("CS2")
    assert one is not None and one.last_seen_at == T0
    assert two is not None and two.last_seen_at == T0
    assert await store.station("CS-NONE") is None


async def test_registration_keeps_what_is_not_given_and_delete_takes_everything(
    store: ProvisioningStore,
) -> None:
    created = await store.register_station("CS1", "hash", 2)
    kept = await store.register_station("CS1", None, None)
    await store.store_connector_status(ConnectorRecord("CS1", 1, 1, "Available", T0), T0)
    await store.set_boot_policy("CS1", "Rejected", None)
    await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (VARIABLE,), False, "FullInventory")
    )
    await store.save_network_profile(
        NetworkProfileRecord("CS1", 1, {"ocppVersion": "OCPP20"}, "Accepted", T0)
    )
    await store.record_boot(_boot("CS1", T0))

    assert created.security_profile == kept.security_profile == 2
    assert await store.station_exists("CS1") is True
    assert await store.delete_station("CS1") is True
    assert await store.delete_station("CS1") is False
    assert await store.station_exists("CS1") is False
    assert (await store.connectors(["CS1"]))["CS1"] == []
    assert await store.boot_policy("CS1") is None
    assert await store.boot_configuration("CS1") is None
    assert await store.network_profiles("CS1") == []
    assert await store.boot_history("CS1", 10) == []


async def test_stations_filter_search_and_page_by_id(store: ProvisioningStore) -> None:
    await store.record_boot(_boot("A-2", T0, "Pending", model="Eve"))
    await store.record_boot(_boot("A-1", T0, model="Eve"))
    await store.mark_connected("A-1", "n1", "c-1", T0)
    await store.register_station("B_1", None, None)
    await store.register_station("B-100%", None, None)

    async def ids(wanted: StationFilter) -> list[str]:
        return [station.id for station in await store.stations(wanted)]

    assert await ids(StationFilter(10, online=True)) == ["A-1"]
    assert await ids(StationFilter(10, online=False, search="a")) == ["A-2"]
    assert await ids(StationFilter(10, registration_status="Pending")) == ["A-2"]
    assert await ids(StationFilter(10, vendor_name="V", model="Eve")) == ["A-1", "A-2"]
    assert await ids(StationFilter(10, model="Nope")) == []
    assert await ids(StationFilter(10, search="_")) == ["B_1"]
    assert await ids(StationFilter(10, search="%")) == ["B-100%"]
    assert await ids(StationFilter(first=1, search="a-")) == ["A-1"]
    assert await ids(StationFilter(first=1, search="a-", after="A-1")) == ["A-2"]
    assert await ids(StationFilter(10, search="a-", after="A-2")) == []


async def test_boot_policy_is_replaced(store: ProvisioningStore) -> None:
    await store.register_station("CS1", None, None)

    await store.set_boot_policy("CS1", "Pending", 5)
    replaced = await store.set_boot_policy("CS1", None, None)

    assert (replaced.station_id, replaced.status, replaced.interval) == ("CS1", None, None)
    read = await store.boot_policy("CS1")
    assert read is not None and (read.status, read.interval) == (None, None)
    assert await store.boot_policy("CS-NONE") is None


async def test_boot_configuration_attempts_and_replacement(store: ProvisioningStore) -> None:
    await store.register_station("CS1", None, None)
    created = await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (VARIABLE,), True, "SummaryInventory")
    )

    await store.note_configuration_attempt("CS1", T0)
    await store.record_configuration_error("CS1", "SetVariables: OFFLINE")
    failed = await store.boot_configuration("CS1")
    await store.mark_configuration_applied("CS1", T0 + timedelta(seconds=1))
    applied = await store.boot_configuration("CS1")
    replaced = await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (), True, "FullInventory")
    )

    assert created.variables == (VARIABLE,) and created.applied_at is None
    assert (created.fetch_report, created.report_base) == (True, "SummaryInventory")
    assert failed is not None
    assert (failed.last_attempt_at, failed.last_error, failed.applied_at) == (
        T0,
        "SetVariables: OFFLINE",
        None,
    )
    assert applied is not None
    assert (applied.applied_at, applied.last_error) == (T0 + timedelta(seconds=1), None)
    assert (replaced.variables, replaced.applied_at, replaced.last_attempt_at) == ((), None, T0)
    assert await store.clear_boot_configuration("CS1") is True
    assert await store.clear_boot_configuration("CS1") is False


async def test_network_profiles_by_slot(store: ProvisioningStore) -> None:
    await store.register_station("CS1", None, None)
    data = {"ocppVersion": "OCPP20", "apn": {"apn": "internet", "apnAuthentication": "AUTO"}}

    await store.save_network_profile(
        NetworkProfileRecord("CS1", 2, {"ocppVersion": "OCPP16"}, "Accepted", T0)
    )
    await store.save_network_profile(NetworkProfileRecord("CS1", 1, data, "Accepted", T0))
    await store.save_network_profile(
        NetworkProfileRecord("CS1", 2, data, "Accepted", T0 + timedelta(seconds=1))
    )

    profiles = await store.network_profiles("CS1")
    assert [(p.configuration_slot, p.connection_data, p.updated_at) for p in profiles] == [
        (1, data, T0),
        (2, data, T0 + timedelta(seconds=1)),
    ]
    assert await store.network_profile("CS1", 2) == profiles[1]
    assert await store.network_profile("CS1", 3) is None


async def _device_model_says(
    store: ProvisioningStore, station_id: str, set_interval: int, reported: str
) -> None:
    """What the device-model block stores: the interval the CSMS set, the Actual value."""
    if isinstance(store, MemoryProvisioningStore):
        store.heartbeat_intervals[station_id] = set_interval
        store.reported_heartbeat_intervals[station_id] = reported
        return
    device_model = SqlDeviceModelStore()
    await device_model.set_heartbeat_interval(station_id, set_interval)
    rows = DeviceModelRows(
        [VariableRow(HEARTBEAT_INTERVAL)],
        [AttributeRow(HEARTBEAT_INTERVAL.key, "Actual", reported)],
    )
    await device_model.write_rows(station_id, rows, T0)


async def test_boot_inputs_carry_the_heartbeat_interval_the_device_model_holds(
    store: ProvisioningStore,
) -> None:
    """B05/B01.FR.04: the interval the CSMS set for the station and the one it shows, read
    with the rest of a boot's inputs."""
    await store.register_station("CS1", None, None)
    await store.register_station("CS2", None, None)
    assert (await store.boot_inputs("CS1")).heartbeat_interval is None
    await _device_model_says(store, "CS1", 120, "300")

    inputs = await store.boot_inputs("CS1")

    assert (inputs.heartbeat_interval, inputs.reported_heartbeat_interval) == (120, "300")
    other = await store.boot_inputs("CS2")
    assert (other.heartbeat_interval, other.reported_heartbeat_interval) == (None, None)
