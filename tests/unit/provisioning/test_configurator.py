"""The boot configurator on the memory store with a scripted command sender (B02 with B05 and
B07 while Pending): what it sends, and where the configuration stands afterwards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from infra.bus.memory import MemoryBus
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.provisioning import (
    BootConfigurationSettings,
    BootConfigurator,
    BootVariable,
    MemoryProvisioningStore,
)
from tests.support.clock import NOW
from tests.unit.senders import RecordingSender

VARIABLE = BootVariable(component="OCPPCommCtrlr", variable="HeartbeatInterval", value="60")


def _set_result(status: str) -> dict[str, Any]:
    return {
        "setVariableResult": [
            {
                "attributeStatus": status,
                "component": {"name": "OCPPCommCtrlr"},
                "variable": {"name": "HeartbeatInterval"},
            }
        ]
    }


def _answers(set_status: str, report_status: str | None = None) -> dict[str, CallOutcome]:
    """SetVariables answered with `set_status`, and GetBaseReport with `report_status` if given."""
    answers = {"SetVariables": CallOutcome(Outcome.RESULT, _set_result(set_status))}
    if report_status is not None:
        answers["GetBaseReport"] = CallOutcome(Outcome.RESULT, {"status": report_status})
    return answers


class ScriptedSender(RecordingSender):
    """Answers each action with what the test scripted; remembers what was sent."""

    def __init__(self, answers: dict[str, CallOutcome]) -> None:
        super().__init__()
        self.answers = answers

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        return self.answers[action]


async def _opened(station_id: str, report_base: str, now: datetime) -> int | None:
    return 7


async def _configured(
    store: MemoryProvisioningStore, answers: dict[str, CallOutcome], fetch_report: bool
) -> tuple[bool, ScriptedSender]:
    await store.register_station("CS1", None, None)
    await store.set_boot_configuration(
        BootConfigurationSettings("CS1", (VARIABLE,), fetch_report, "FullInventory")
    )
    sender = ScriptedSender(answers)
    bus = MemoryBus()  # not subscribed: `configure` is called directly
    configurator = BootConfigurator(bus, store, sender, _opened, lambda: NOW)
    applied = await configurator.configure("CS1")
    await bus.close()
    return applied, sender


async def test_variables_set_and_report_fetched_apply_the_configuration_tc_b_02_csms() -> None:
    store = MemoryProvisioningStore()
    answers = _answers("RebootRequired", "Accepted")

    applied, sender = await _configured(store, answers, fetch_report=True)

    assert applied is True
    assert [action for _, action, _ in sender.sent] == ["SetVariables", "GetBaseReport"]
    assert sender.sent[1][2] == {"requestId": 7, "reportBase": "FullInventory"}
    configuration = await store.boot_configuration("CS1")
    assert configuration is not None
    assert (configuration.applied_at, configuration.last_attempt_at) == (NOW, NOW)
    assert configuration.last_error is None


async def test_a_rejected_variable_is_recorded_and_nothing_more_is_sent() -> None:
    store = MemoryProvisioningStore()
    answers = _answers("Rejected")

    applied, sender = await _configured(store, answers, fetch_report=True)

    assert applied is False
    assert [action for _, action, _ in sender.sent] == ["SetVariables"]
    configuration = await store.boot_configuration("CS1")
    assert configuration is not None and configuration.applied_at is None
    assert configuration.last_error == "SetVariables: OCPPCommCtrlr.HeartbeatInterval: Rejected"


async def test_an_offline_station_is_recorded_as_such() -> None:
    store = MemoryProvisioningStore()
    answers = {"SetVariables": CallOutcome(Outcome.OFFLINE)}

    applied, _ = await _configured(store, answers, fetch_report=False)

    configuration = await store.boot_configuration("CS1")
    assert applied is False and configuration is not None
    assert configuration.last_error == "SetVariables: OFFLINE"


async def test_a_report_refused_keeps_the_configuration_pending() -> None:
    store = MemoryProvisioningStore()
    answers = _answers("Accepted", "NotSupported")

    applied, _ = await _configured(store, answers, fetch_report=True)

    configuration = await store.boot_configuration("CS1")
    assert applied is False and configuration is not None
    assert configuration.last_error == "GetBaseReport: NotSupported"
