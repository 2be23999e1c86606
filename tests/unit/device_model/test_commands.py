"""The device model's commands on the memory store: requests built from arguments, the
result handlers writing answers back (B05, B06), and the GetBaseReport/GetReport workflow
allocating request ids (B07, B08; TC_B_06/07/09/10/12/13_CSMS)."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result, enums

from modules.device_model import (
    MemoryDeviceModelStore,
    ReportRequests,
    ReportSelector,
    VariableRead,
    VariableRef,
    VariableSetStatus,
    VariablesRead,
    VariablesSet,
    VariableWrite,
    get_variables,
    set_variables,
)
from modules.device_model.commands import CommandResults
from modules.device_model.records import RequestedReport, VariableFilter
from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError
from modules.kernel.events import from_bytes
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.support.device_model import variable_result
from tests.unit.device_model.helpers import get_variables_answer, set_variables_answer
from tests.unit.senders import RecordingSender


def _ctx() -> HandlerContext:
    return HandlerContext(station_id=STATION, message_id="m", now=NOW)


def test_get_variables_request_names_evse_and_connector_and_is_schema_valid() -> None:
    request = get_variables(
        [
            VariableRead(VariableRef("Connector", "Type", "Main", 1, 2)),
            VariableRead(
                VariableRef("C", "V", variable_instance="A"), enums.AttributeEnumType.target
            ),
        ]
    )

    payload = codec.encode(request)

    assert payload == {
        "getVariableData": [
            {
                "component": {
                    "name": "Connector",
                    "instance": "Main",
                    "evse": {"id": 1, "connectorId": 2},
                },
                "variable": {"name": "Type"},
            },
            {
                "component": {"name": "C"},
                "variable": {"name": "V", "instance": "A"},
                "attributeType": "Target",
            },
        ]
    }
    schemas.validate("GetVariables", "Request", payload)


def test_a_connector_needs_its_evse() -> None:
    with pytest.raises(InvalidCommand, match=r"items\[1\]: connectorId needs evseId"):
        set_variables(
            [
                VariableWrite(VariableRef("C", "V"), "1"),
                VariableWrite(VariableRef("C", "V", connector_id=1), "1"),
            ]
        )


async def test_get_report_selector_rules() -> None:
    requests = ReportRequests(MemoryDeviceModelStore(), _Sender(), lambda: NOW)
    with pytest.raises(InvalidCommand, match=r"componentVariables\[0\]: variableInstance needs"):
        await requests.get_report(STATION, [ReportSelector("C", variable_instance="A")])
    with pytest.raises(InvalidCommand, match="connectorId needs evseId"):
        await requests.get_report(STATION, [ReportSelector("C", connector_id=1)])


async def test_accepted_values_read_are_stored_and_counted() -> None:
    """B06, TC_B_07_CSMS: an Accepted value is stored; a Rejected item changes nothing."""
    store = MemoryDeviceModelStore()
    ctx = _ctx()
    request = get_variables(
        [VariableRead(VariableRef("C", "V")), VariableRead(VariableRef("C", "W"))]
    )
    response = get_variables_answer(
        variable_result("C", "V", "Accepted", "42"), variable_result("C", "W", "Rejected")
    )

    await CommandResults(store).get_variables_result(ctx, request, response)

    rows = await store.variables(STATION, VariableFilter(10))
    assert [(row.variable, row.type, row.value) for row in rows] == [("V", "Actual", "42")]
    assert ctx.events == [
        VariablesRead(station_id=STATION, occurred_at=NOW, requested=2, accepted=1)
    ]


async def test_written_values_are_stored_and_reboot_required_flags_the_station() -> None:
    """B05, TC_B_10_CSMS: Accepted and RebootRequired values are stored; the answer's
    RebootRequired is the station's reboot flag."""
    store = MemoryDeviceModelStore()
    store.add_station(STATION)
    ctx = _ctx()
    request = set_variables(
        [
            VariableWrite(VariableRef("A", "X"), "1"),
            VariableWrite(VariableRef("B", "Y"), "2", enums.AttributeEnumType.target),
            VariableWrite(VariableRef("C", "Z"), "3"),
        ]
    )
    response = set_variables_answer(
        variable_result("A", "X", "Accepted"),
        variable_result("B", "Y", "RebootRequired", attribute_type="Target"),
        variable_result("C", "Z", "Rejected"),
    )

    await CommandResults(store).set_variables_result(ctx, request, response)

    rows = await store.variables(STATION, VariableFilter(10))
    assert [(row.component, row.type, row.value) for row in rows] == [
        ("A", "Actual", "1"),
        ("B", "Target", "2"),
    ]
    state = await store.device_state(STATION)
    assert state is not None and state.reboot_required_at == NOW
    (event,) = ctx.events
    assert event == VariablesSet(
        station_id=STATION,
        occurred_at=NOW,
        results=(
            VariableSetStatus(
                component="A", variable="X", attribute_type="Actual", status="Accepted"
            ),
            VariableSetStatus(
                component="B", variable="Y", attribute_type="Target", status="RebootRequired"
            ),
            VariableSetStatus(
                component="C", variable="Z", attribute_type="Actual", status="Rejected"
            ),
        ),
        reboot_required=True,
    )
    assert event.payload["results"][1] == {
        "component": "B",
        "variable": "Y",
        "attributeType": "Target",
        "status": "RebootRequired",
    }
    assert from_bytes(event.to_bytes()) == event


async def test_an_answer_to_a_report_sent_some_other_way_creates_its_report() -> None:
    """A GetReport sent with sendCall: the answer records what was asked under its id."""
    store = MemoryDeviceModelStore()
    request = call.GetReport(
        request_id=77, component_criteria=[enums.ComponentCriterionEnumType.problem]
    )
    response = call_result.GetReport(status=enums.GenericDeviceModelStatusEnumType.empty_result_set)

    await CommandResults(store).get_report_result(_ctx(), request, response)

    report = await store.report(STATION, 77)
    assert report is not None
    assert (report.kind, report.request, report.outcome, report.status) == (
        "GetReport",
        {"componentCriteria": ["Problem"]},
        "RESULT",
        "EmptyResultSet",
    )


class _Sender(RecordingSender):
    """A command sender that answers with `outcome` and, like the real one, runs the result
    handler on the memory store before returning."""

    def __init__(
        self, outcome: CallOutcome | None = None, store: MemoryDeviceModelStore | None = None
    ) -> None:
        super().__init__()
        self.outcome = outcome or CallOutcome(Outcome.OFFLINE)
        self.store = store

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        if self.outcome.outcome is Outcome.RESULT and self.store is not None:
            results = CommandResults(self.store)
            ctx = HandlerContext(station_id=station_id, message_id="m", now=NOW)
            response = self.outcome.response or {}
            if action == "GetBaseReport":
                await results.get_base_report_result(
                    ctx,
                    codec.decode(call.GetBaseReport, payload),
                    codec.decode(call_result.GetBaseReport, response),
                )
            else:
                await results.get_report_result(
                    ctx,
                    codec.decode(call.GetReport, payload),
                    codec.decode(call_result.GetReport, response),
                )
        return self.outcome


async def test_report_request_ids_are_one_more_than_the_stations_highest() -> None:
    """B07, TC_B_12_CSMS: the answer is recorded on the report the request id names."""
    store = MemoryDeviceModelStore()
    store.add_station(STATION)
    sender = _Sender(
        CallOutcome(Outcome.RESULT, {"status": "Accepted", "statusInfo": {"reasonCode": "Ok"}}),
        store,
    )
    requests = ReportRequests(store, sender, lambda: NOW)
    await store.open_request(STATION, RequestedReport("GetReport"), NOW)

    done = await requests.get_base_report(STATION, enums.ReportBaseEnumType.configuration_inventory)

    assert done.request_id == 2
    assert sender.sent == [
        (STATION, "GetBaseReport", {"requestId": 2, "reportBase": "ConfigurationInventory"})
    ]
    assert (
        done.answer is not None
        and done.answer.status is enums.GenericDeviceModelStatusEnumType.accepted
    )
    assert done.report is not None
    assert (
        done.report.kind,
        done.report.report_base,
        done.report.status,
        done.report.status_reason,
    ) == (
        "GetBaseReport",
        "ConfigurationInventory",
        "Accepted",
        "Ok",
    )


async def test_a_report_request_without_an_answer_records_why() -> None:
    store = MemoryDeviceModelStore()
    store.add_station(STATION)
    sender = _Sender(CallOutcome(Outcome.CALL_ERROR, error_code="NotSupported"))
    requests = ReportRequests(store, sender, lambda: NOW)

    done = await requests.get_report(
        STATION, [ReportSelector("EVSE", evse_id=1)], [enums.ComponentCriterionEnumType.active]
    )

    assert (done.outcome, done.request_id, done.answer) == (Outcome.CALL_ERROR, 1, None)
    assert sender.sent[0][2] == {
        "requestId": 1,
        "componentVariable": [{"component": {"name": "EVSE", "evse": {"id": 1}}}],
        "componentCriteria": ["Active"],
    }
    assert done.report is not None
    assert (done.report.outcome, done.report.error_code, done.report.request) == (
        "CALL_ERROR",
        "NotSupported",
        {
            "componentVariable": [{"component": {"name": "EVSE", "evse": {"id": 1}}}],
            "componentCriteria": ["Active"],
        },
    )


async def test_an_unknown_station_gets_no_request_id_and_no_call() -> None:
    sender = _Sender()
    requests = ReportRequests(MemoryDeviceModelStore(), sender, lambda: NOW)

    done = await requests.get_base_report("NOBODY", enums.ReportBaseEnumType.full_inventory)

    assert (done.outcome, done.request_id, done.report) == (Outcome.OFFLINE, None, None)
    assert sender.sent == []
    assert await requests.open_base_report("NOBODY", "FullInventory", NOW) is None


async def test_a_request_the_schema_refuses_allocates_no_id() -> None:
    store = MemoryDeviceModelStore()
    store.add_station(STATION)
    requests = ReportRequests(store, _Sender(), lambda: NOW)

    with pytest.raises(OcppError):
        await requests.get_report(STATION, [ReportSelector("C" * 51)])

    assert await store.reports(STATION, 10) == []


async def test_the_boot_configurator_opens_base_report_ids() -> None:
    store = MemoryDeviceModelStore()
    store.add_station(STATION)
    requests = ReportRequests(store, _Sender(), lambda: NOW)

    assert await requests.open_base_report(STATION, "FullInventory", NOW) == 1
    assert await requests.open_base_report(STATION, "FullInventory", NOW) == 2
    report = await store.report(STATION, 2)
    assert report is not None and (report.kind, report.report_base) == (
        "GetBaseReport",
        "FullInventory",
    )
