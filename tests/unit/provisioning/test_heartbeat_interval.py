"""The heartbeat interval a boot answers (issue 24 item 13) on the memory stores: the one the
CSMS set for the station (B05) wins over the fleet's, and a boot that changes what the device
model says hands the new interval to the device model (B01.FR.04)."""

from __future__ import annotations

from datetime import datetime

from ocpp.v201 import call, datatypes, enums

from modules.device_model import MemoryDeviceModelStore, VariableRef
from modules.device_model.commands import CommandResults
from modules.device_model.policy import HEARTBEAT_INTERVAL, heartbeat_interval_written
from modules.device_model.records import AttributeRow
from modules.kernel.routing import HandlerContext
from modules.provisioning import LastSeenBuffer, MemoryProvisioningStore, ProvisioningConfig
from modules.provisioning.handlers import ProvisioningHandlers
from modules.provisioning.store_sql import HEARTBEAT_INTERVAL_KEY
from tests.support.clock import NOW
from tests.support.device_model import variable_result
from tests.unit.device_model.helpers import set_variables_answer

CONFIG = ProvisioningConfig(heartbeat_interval=300)
BOOT = call.BootNotification(
    charging_station=datatypes.ChargingStationType(vendor_name="V", model="M"),
    reason=enums.BootReasonEnumType.power_up,
)


def ctx() -> HandlerContext:
    return HandlerContext(station_id="CS1", message_id="m1", now=NOW)


class Adopted:
    """Records what the boot handed to the device model."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, datetime]] = []

    async def __call__(self, station_id: str, seconds: int, now: datetime) -> None:
        self.calls.append((station_id, seconds, now))


def handlers(store: MemoryProvisioningStore, adopted: Adopted) -> ProvisioningHandlers:
    return ProvisioningHandlers(CONFIG, store, LastSeenBuffer(store), adopted)


def test_the_boot_reads_the_device_model_key_of_heartbeat_interval() -> None:
    assert VariableRef("OCPPCommCtrlr", "HeartbeatInterval").key == HEARTBEAT_INTERVAL_KEY


async def test_b05_the_interval_set_for_the_station_is_the_boot_answer() -> None:
    store, adopted = MemoryProvisioningStore(), Adopted()
    store.heartbeat_intervals["CS1"] = 120
    store.reported_heartbeat_intervals["CS1"] = "120"

    answer = await handlers(store, adopted).boot_notification(ctx(), BOOT)

    assert (answer.status, answer.interval) == (enums.RegistrationStatusEnumType.accepted, 120)
    assert adopted.calls == []


async def test_b01_fr_04_a_boot_that_changes_the_interval_tells_the_device_model() -> None:
    store, adopted = MemoryProvisioningStore(), Adopted()
    store.reported_heartbeat_intervals["CS1"] = "3600"
    answer = await handlers(store, adopted).boot_notification(ctx(), BOOT)
    assert answer.interval == 300 and adopted.calls == [("CS1", 300, NOW)]

    store.reported_heartbeat_intervals.pop("CS1")
    await handlers(store, adopted).boot_notification(ctx(), BOOT)
    assert len(adopted.calls) == 1


def test_only_a_whole_positive_actual_heartbeat_interval_is_taken() -> None:
    key = HEARTBEAT_INTERVAL.key
    assert heartbeat_interval_written([AttributeRow(key, "Actual", "120")]) == 120
    assert heartbeat_interval_written([AttributeRow(key, "Target", "120")]) is None
    assert heartbeat_interval_written([AttributeRow(key, "Actual", "0")]) is None
    assert heartbeat_interval_written([AttributeRow(key, "Actual", "1.5")]) is None
    other = VariableRef("OCPPCommCtrlr", "HeartbeatInterval", component_instance="x").key
    assert heartbeat_interval_written([AttributeRow(other, "Actual", "120")]) is None


async def test_b05_an_accepted_heartbeat_interval_is_kept_for_the_boots() -> None:
    store = MemoryDeviceModelStore()
    request = call.SetVariables(
        set_variable_data=[
            datatypes.SetVariableDataType(
                attribute_value="120",
                component=datatypes.ComponentType(name="OCPPCommCtrlr"),
                variable=datatypes.VariableType(name="HeartbeatInterval"),
            )
        ]
    )
    response = set_variables_answer(
        variable_result("OCPPCommCtrlr", "HeartbeatInterval", "Accepted")
    )
    await CommandResults(store).set_variables_result(ctx(), request, response)
    assert store.heartbeat_intervals == {"CS1": 120}
