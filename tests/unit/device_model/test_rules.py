"""Device-model pure rules: report completion, variable identity, payload conversions,
reboot flag, cursors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from ocpp.v201 import call

from graphql_schema.device_model.types import decode_cursor, encode_cursor
from modules.device_model import conversions
from modules.device_model.completion import report_complete
from modules.device_model.identity import VariableRef
from modules.device_model.policy import reboot_pending
from modules.kernel import codec
from tests.support.device_model import variable_result
from tests.unit.device_model.helpers import set_variables_answer


@pytest.mark.parametrize(
    ("arrived", "final", "first", "complete"),
    [
        ([0], 0, 0, True),  # a one-part report
        ([0, 1, 2], 2, 0, True),
        ([2, 0, 1], 2, 0, True),  # order does not matter
        ([2], 2, 0, False),  # the last part first: 0 and 1 are missing
        ([2, 0], 2, 0, False),
        ([0, 1], None, 0, False),  # tbc=false not seen yet
        ([], None, 0, False),
        ([1, 2], 2, 0, False),  # a requested report starts at 0
        ([5, 6, 7], 7, None, True),  # unknown request: starts at the lowest seqNo
        ([5, 7], 7, None, False),
        ([7], 7, None, True),  # unknown request, last part first: judged on what arrived
        ([0, 1, 2, 3], 2, 0, True),  # a stray part after the final one does not matter
        ([3], 2, None, False),  # nothing up to the final part
    ],
)
def test_report_completion_rule(
    arrived: list[int], final: int | None, first: int | None, complete: bool
) -> None:
    assert report_complete(arrived, final, first) is complete


def test_variable_key_ignores_case_and_tells_absent_from_present() -> None:
    upper = VariableRef("OCPPCommCtrlr", "OfflineThreshold")
    lower = VariableRef("ocppcommctrlr", "offlinethreshold")
    assert upper.key == lower.key
    assert VariableRef("EVSE", "Power", evse_id=1).key != VariableRef("EVSE", "Power").key
    assert (
        VariableRef("Connector", "Type", evse_id=1, connector_id=1).key
        != VariableRef("Connector", "Type", evse_id=11).key
    )
    assert VariableRef("C", "V", component_instance="").key == VariableRef("C", "V").key
    assert VariableRef("C", "V", variable_instance="A").key != VariableRef("C", "V").key


def test_variable_ref_payloads() -> None:
    ref = VariableRef("Connector", "Type", "Main", 1, 2, "Default")
    assert codec.encode(ref.component_type()) == {
        "name": "Connector",
        "instance": "Main",
        "evse": {"id": 1, "connectorId": 2},
    }
    assert codec.encode(ref.variable_type()) == {"name": "Type", "instance": "Default"}
    assert codec.encode(VariableRef("C", "V").component_type()) == {"name": "C"}


def test_report_rows_default_the_attribute_type_to_actual() -> None:
    request = codec.decode(
        call.NotifyReport,
        {
            "requestId": 1,
            "generatedAt": "2026-11-24T10:00:00Z",
            "seqNo": 0,
            "reportData": [
                {
                    "component": {"name": "C", "evse": {"id": 1}},
                    "variable": {"name": "V"},
                    "variableAttribute": [{"value": "1"}, {"type": "MaxSet", "value": "9"}],
                    "variableCharacteristics": {
                        "dataType": "integer",
                        "supportsMonitoring": False,
                        "maxLimit": 9,
                    },
                }
            ],
        },
    )
    variables, attributes = conversions.report_rows(request.report_data or [])
    assert len(variables) == 1
    assert variables[0].ref == VariableRef("C", "V", evse_id=1)
    characteristics = variables[0].characteristics
    assert characteristics is not None
    assert (characteristics.data_type, characteristics.max_limit) == ("integer", 9)
    assert [(a.type, a.value) for a in attributes] == [("Actual", "1"), ("MaxSet", "9")]


def test_written_rows_take_the_value_asked_for_when_accepted_or_reboot_required() -> None:
    request = codec.decode(
        call.SetVariables,
        {
            "setVariableData": [
                {"attributeValue": "1", "component": {"name": "A"}, "variable": {"name": "X"}},
                {"attributeValue": "2", "component": {"name": "B"}, "variable": {"name": "Y"}},
                {
                    "attributeValue": "3",
                    "attributeType": "Target",
                    "component": {"name": "C"},
                    "variable": {"name": "Z"},
                },
            ]
        },
    )
    response = set_variables_answer(
        variable_result("B", "Y", "Rejected"),
        variable_result("c", "z", "RebootRequired", attribute_type="Target"),
        variable_result("a", "x", "Accepted"),
    )
    asked = conversions.requested_values(request.set_variable_data)
    _, attributes = conversions.written_rows(asked, response.set_variable_result)
    assert sorted((a.key, a.type, a.value) for a in attributes) == [
        (VariableRef("A", "X").key, "Actual", "1"),
        (VariableRef("C", "Z").key, "Target", "3"),
    ]


def test_reboot_is_pending_until_a_boot_after_the_answer() -> None:
    now = datetime(2026, 11, 24, 12, tzinfo=UTC)
    assert reboot_pending(None, None) is False
    assert reboot_pending(now, None) is True
    assert reboot_pending(now, now - timedelta(minutes=1)) is True
    assert reboot_pending(now, now + timedelta(minutes=1)) is False


def test_cursor_round_trip_and_garbage() -> None:
    key = VariableRef("C", "V", evse_id=1).key
    assert decode_cursor(encode_cursor(key, "MaxSet")) == (key, "MaxSet")
    for garbage in ["nonsense", encode_cursor(key, "Actual")[:-4], "WzFd"]:
        with pytest.raises(ValueError, match="after"):
            decode_cursor(garbage)
