"""Provisioning commands on the memory store: Reset (B11/B12) and SetNetworkProfile (B09)
built as typed, schema-valid requests; what an accepted SetNetworkProfile stores and emits;
the boot configurator's requests; and the operator's registration and boot writes."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call_result, datatypes, enums

from modules import provisioning
from modules.kernel import codec, schemas
from modules.kernel.commands import InvalidCommand
from modules.kernel.passwords import verify_password
from modules.kernel.routing import HandlerContext
from modules.provisioning import (
    BootVariable,
    MemoryProvisioningStore,
    NetworkProfileSet,
    ProvisioningCommands,
)
from modules.provisioning.commands import set_variables, set_variables_problems
from tests.support.clock import NOW
from tests.support.provisioning import APN, CONNECTOR_POWER
from tests.support.provisioning import NETWORK_PROFILE as PROFILE


def _profile(**parts: Any) -> datatypes.NetworkConnectionProfileType:
    return provisioning.network_profile(
        enums.OCPPVersionEnumType.ocpp20,
        enums.OCPPTransportEnumType.json,
        "wss://csms.example.com/ocpp",
        30,
        2,
        enums.OCPPInterfaceEnumType.wired0,
        **parts,
    )


@pytest.mark.parametrize(
    ("evse_id", "payload"),
    [(None, {"type": "OnIdle"}), (1, {"type": "OnIdle", "evseId": 1})],
)
def test_reset_of_the_station_or_an_evse_tc_b_20_25_csms(
    evse_id: int | None, payload: dict[str, Any]
) -> None:
    request = provisioning.reset(enums.ResetEnumType.on_idle, evse_id)

    assert codec.encode(request) == payload
    schemas.validate("Reset", "Request", codec.encode(request))


def test_a_network_profile_is_sent_as_given_tc_b_42_csms() -> None:
    request = provisioning.set_network_profile(2, _profile(apn=APN))

    payload = codec.encode(request)

    assert payload == {"configurationSlot": 2, "connectionData": {**PROFILE, "apn": APN}}
    schemas.validate("SetNetworkProfile", "Request", payload)


@pytest.mark.parametrize(
    ("parts", "field", "problem"),
    [
        ({"apn": "internet"}, "connectionData.apn", "must be a JSON object"),
        ({"apn": {**APN, "apnPin": 1}}, "connectionData.apn", "unknown keys apnPin"),
        ({"vpn": {"server": "s"}}, "connectionData.vpn", "not a valid object"),
        ({"apn": {**APN, "apnAuthentication": "BASIC"}}, "connectionData.apn", "not a valid"),
    ],
)
def test_vpn_and_apn_that_would_not_be_sent_as_given_are_refused(
    parts: dict[str, Any], field: str, problem: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        _profile(**parts)

    assert refused.value.field == field
    assert refused.value.problem.startswith(problem)


async def test_an_accepted_profile_is_stored_and_announced() -> None:
    store = MemoryProvisioningStore()
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    request = provisioning.set_network_profile(2, _profile(apn=APN))
    accepted = call_result.SetNetworkProfile(status=enums.SetNetworkProfileStatusEnumType.accepted)

    await ProvisioningCommands(store).set_network_profile_result(ctx, request, accepted)

    (stored,) = await store.network_profiles("CS1")
    assert (stored.configuration_slot, stored.status) == (2, "Accepted")
    assert stored.connection_data == {**PROFILE, "apn": APN}
    (event,) = ctx.events
    assert event == NetworkProfileSet(
        station_id="CS1", occurred_at=NOW, configuration_slot=2, status="Accepted"
    )
    assert event.payload == {"configurationSlot": 2, "status": "Accepted"}


@pytest.mark.parametrize(
    "status",
    [enums.SetNetworkProfileStatusEnumType.failed, enums.SetNetworkProfileStatusEnumType.rejected],
)
async def test_a_profile_not_accepted_changes_nothing_tc_b_44_csms(
    status: enums.SetNetworkProfileStatusEnumType,
) -> None:
    store = MemoryProvisioningStore()
    ctx = HandlerContext(station_id="CS1", message_id="m1", now=NOW)
    request = provisioning.set_network_profile(1, _profile())

    await ProvisioningCommands(store).set_network_profile_result(
        ctx, request, call_result.SetNetworkProfile(status=status)
    )

    assert await store.network_profiles("CS1") == []
    assert ctx.events == []


def test_set_variables_builds_the_request_items() -> None:
    request = set_variables(
        [
            BootVariable(component="OCPPCommCtrlr", variable="HeartbeatInterval", value="60"),
            CONNECTOR_POWER,
        ]
    )

    payload = codec.encode(request)

    assert payload["setVariableData"] == [
        {
            "attributeType": "Actual",
            "attributeValue": "60",
            "component": {"name": "OCPPCommCtrlr"},
            "variable": {"name": "HeartbeatInterval"},
        },
        {
            "attributeType": "Target",
            "attributeValue": "7",
            "component": {
                "name": "Connector",
                "instance": "x",
                "evse": {"id": 1, "connectorId": 2},
            },
            "variable": {"name": "Power", "instance": "L1"},
        },
    ]
    schemas.validate("SetVariables", "Request", payload)


def test_set_variables_problems_accepts_reboot_required_only() -> None:
    def result(status: str) -> dict[str, object]:
        return {"attributeStatus": status, "component": {"name": "C"}, "variable": {"name": status}}

    answer = codec.decode(
        call_result.SetVariables,
        {"setVariableResult": [result("Accepted"), result("RebootRequired"), result("Rejected")]},
    )

    assert set_variables_problems(answer) == ["C.Rejected: Rejected"]


async def test_registering_hashes_the_password_and_keeps_what_is_not_given() -> None:
    """A01.FR.08: only a salted hash of the basic-auth password is stored."""
    store = MemoryProvisioningStore()
    commands = ProvisioningCommands(store)

    first = await commands.register_station("CS1", "p" * 16, 2)
    again = await commands.register_station("CS1", None, None)

    assert first.security_profile == again.security_profile == 2
    stored_hash = store.rows["CS1"].password_hash
    assert stored_hash is not None and stored_hash != "p" * 16
    assert verify_password("p" * 16, stored_hash)
    assert await commands.delete_station("CS1") is True
    assert await commands.delete_station("CS1") is False


async def test_boot_policy_and_configuration_need_a_known_station() -> None:
    commands = ProvisioningCommands(MemoryProvisioningStore())

    with pytest.raises(InvalidCommand) as policy:
        await commands.set_boot_policy("CS-NOPE", enums.RegistrationStatusEnumType.pending, 5)
    with pytest.raises(InvalidCommand) as configuration:
        await commands.set_boot_configuration(
            "CS-NOPE", [], True, enums.ReportBaseEnumType.full_inventory
        )

    assert str(policy.value) == str(configuration.value) == "stationId: unknown station CS-NOPE"


async def test_a_new_boot_configuration_is_applied_anew() -> None:
    store = MemoryProvisioningStore()
    await store.register_station("CS1", None, None)
    commands = ProvisioningCommands(store)
    variable = BootVariable(component="OCPPCommCtrlr", variable="HeartbeatInterval", value="60")
    await commands.set_boot_configuration(
        "CS1", [variable], False, enums.ReportBaseEnumType.full_inventory
    )
    await store.mark_configuration_applied("CS1", NOW)

    again = await commands.set_boot_configuration(
        "CS1", [], True, enums.ReportBaseEnumType.summary_inventory
    )

    assert (again.applied_at, again.variables, again.report_base) == (None, (), "SummaryInventory")
    assert await commands.clear_boot_configuration("CS1") is True
    assert await store.boot_configuration("CS1") is None
