"""Provisioning handlers on the memory store: BootNotification (B01-B03), Heartbeat (G02),
StatusNotification (G01) and the connection lifecycle; the typed answers, what is stored and
the events emitted (with their payload keys as the events topic carries them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ocpp.v201 import call, datatypes, enums

from modules.kernel.routing import HandlerContext
from modules.provisioning import (
    BootConfigurationSettings,
    Booted,
    Connected,
    Disconnected,
    LastSeenBuffer,
    MemoryProvisioningStore,
    ProvisioningConfig,
    StatusChanged,
)
from modules.provisioning.handlers import ProvisioningHandlers
from modules.provisioning.records import BootVariable, StationRecord
from tests.support.clock import NOW

CONFIG = ProvisioningConfig(heartbeat_interval=120, retry_interval=15)


def _handlers(store: MemoryProvisioningStore) -> tuple[ProvisioningHandlers, LastSeenBuffer]:
    presence = LastSeenBuffer(store)
    return ProvisioningHandlers(CONFIG, store, presence), presence


def _ctx(
    station_id: str = "CS1", connection_id: str = "c-1", now: datetime = NOW
) -> HandlerContext:
    return HandlerContext(
        station_id=station_id,
        message_id="m1",
        now=now,
        node_id="n1",
        connection_id=connection_id,
    )


def _boot(model: str = "Eve") -> call.BootNotification:
    return call.BootNotification(
        charging_station=datatypes.ChargingStationType(
            vendor_name="Alfen",
            model=model,
            serial_number="SN-1",
            firmware_version="6.1.0",
            modem=datatypes.ModemType(iccid="8931", imsi="2040"),
        ),
        reason=enums.BootReasonEnumType.power_up,
    )


async def test_a_first_boot_is_accepted_stored_and_announced_tc_b_01_csms() -> None:
    """B01.FR.02: the CSMS answers whether it accepts the station, with the heartbeat interval."""
    store = MemoryProvisioningStore()
    handlers, _ = _handlers(store)
    ctx = _ctx()

    answer = await handlers.boot_notification(ctx, _boot())

    assert (answer.status, answer.interval) == (enums.RegistrationStatusEnumType.accepted, 120)
    assert answer.current_time == "2026-11-24T10:00:00.000Z"
    station = await _station(store)
    assert (station.registration_status, station.vendor_name, station.model) == (
        "Accepted",
        "Alfen",
        "Eve",
    )
    assert (station.modem_iccid, station.modem_imsi, station.last_boot_reason) == (
        "8931",
        "2040",
        "PowerUp",
    )
    assert station.last_boot_at == station.last_seen_at == NOW
    (boot,) = await store.boot_history("CS1", 10)
    assert (boot.status, boot.interval, boot.firmware_version) == ("Accepted", 120, "6.1.0")
    (event,) = ctx.events
    assert isinstance(event, Booted)
    assert event.payload == {
        "reason": "PowerUp",
        "registrationStatus": "Accepted",
        "vendorName": "Alfen",
        "model": "Eve",
        "firmwareVersion": "6.1.0",
        "configure": False,
    }


async def test_a_station_policy_pending_gets_its_own_retry_interval_tc_b_02_csms() -> None:
    store = MemoryProvisioningStore()
    await store.register_station("CS1", None, None)
    await store.set_boot_policy("CS1", "Pending", 5)
    handlers, _ = _handlers(store)

    answer = await handlers.boot_notification(_ctx(), _boot())

    assert (answer.status, answer.interval) == (enums.RegistrationStatusEnumType.pending, 5)
    assert (await _station(store)).registration_status == "Pending"


async def test_a_configuration_not_applied_answers_pending_and_asks_for_it() -> None:
    """B02.FR.01: while Pending the CSMS may configure the station (the boot configurator
    acts on `configure`); once applied the next boot is Accepted."""
    store = MemoryProvisioningStore()
    await store.register_station("CS1", None, None)
    variable = BootVariable(component="OCPPCommCtrlr", variable="HeartbeatInterval", value="60")
    await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (variable,), False, "FullInventory")
    )
    handlers, _ = _handlers(store)
    ctx = _ctx()

    pending = await handlers.boot_notification(ctx, _boot())

    assert (pending.status, pending.interval) == (enums.RegistrationStatusEnumType.pending, 15)
    assert isinstance(ctx.events[0], Booted) and ctx.events[0].configure is True
    await store.mark_configuration_applied("CS1", NOW)
    accepted = await handlers.boot_notification(_ctx(), _boot())
    assert accepted.status is enums.RegistrationStatusEnumType.accepted


async def test_a_heartbeat_answers_the_time_and_is_written_at_the_next_flush_g02() -> None:
    store = MemoryProvisioningStore()
    handlers, presence = _handlers(store)
    await handlers.boot_notification(_ctx(), _boot())
    later = NOW + timedelta(seconds=30)
    ctx = _ctx(now=later)

    answer = await handlers.heartbeat(ctx, call.Heartbeat())

    assert answer.current_time == "2026-11-24T10:00:30.000Z"
    assert ctx.events == []
    assert (await _station(store)).last_seen_at == NOW
    assert presence.pending == 1
    assert await presence.flush() == 1
    assert (await _station(store)).last_seen_at == later


async def _station(store: MemoryProvisioningStore, station_id: str = "CS1") -> StationRecord:
    station = await store.station(station_id)
    assert station is not None
    return station


def _status(
    connector_status: enums.ConnectorStatusEnumType, evse_id: int = 1, connector_id: int = 1
) -> call.StatusNotification:
    return call.StatusNotification(
        timestamp="2026-11-24T09:59:00Z",
        connector_status=connector_status,
        evse_id=evse_id,
        connector_id=connector_id,
    )


async def test_status_changes_are_stored_and_announced_once_g01() -> None:
    store = MemoryProvisioningStore()
    await store.register_station("CS1", None, None)
    handlers, _ = _handlers(store)
    first, same, changed = _ctx(), _ctx(), _ctx()

    await handlers.status_notification(first, _status(enums.ConnectorStatusEnumType.available))
    await handlers.status_notification(same, _status(enums.ConnectorStatusEnumType.available))
    await handlers.status_notification(changed, _status(enums.ConnectorStatusEnumType.occupied))

    assert first.events == [
        StatusChanged(
            station_id="CS1",
            occurred_at=NOW,
            evse_id=1,
            connector_id=1,
            status="Available",
            previous_status=None,
            timestamp="2026-11-24T09:59:00Z",
        )
    ]
    assert same.events == []
    (event,) = changed.events
    assert event.payload == {
        "evseId": 1,
        "connectorId": 1,
        "status": "Occupied",
        "previousStatus": "Available",
        "timestamp": "2026-11-24T09:59:00Z",
    }
    (connectors,) = (await store.connectors(["CS1"])).values()
    assert [(c.status, c.reported_at) for c in connectors] == [
        ("Occupied", datetime(2026, 11, 24, 9, 59, tzinfo=UTC))
    ]


async def test_connect_then_disconnect_follow_the_current_connection() -> None:
    store = MemoryProvisioningStore()
    handlers, _ = _handlers(store)
    connected = _ctx(connection_id="c-1")

    await handlers.connected(connected)

    assert connected.events == [Connected(station_id="CS1", occurred_at=NOW, node_id="n1")]
    assert (await _station(store)).online is True
    await handlers.connected(_ctx(connection_id="c-2"))
    stale = _ctx(connection_id="c-1")
    await handlers.disconnected(stale)
    assert stale.events == []
    assert (await _station(store)).online is True
    current = _ctx(connection_id="c-2", now=NOW + timedelta(minutes=1))
    await handlers.disconnected(current)
    assert current.events == [
        Disconnected(station_id="CS1", occurred_at=NOW + timedelta(minutes=1), node_id="n1")
    ]
    station = await _station(store)
    assert (station.online, station.last_seen_at) == (False, NOW + timedelta(minutes=1))
