"""Display-message test data and round trips: the GraphQL documents, a message input, a
station's MessageInfo, its DisplayMessageCtrlr report, and reading a station's messages."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.support.device_model import notify_report
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation

MESSAGE_FIELDS = """
  stationId messageId presence priority state startDateTime endDateTime transactionId
  format language content display { name instance evseId connectorId }
  status statusReason outcome errorCode confirmedAt removedAt
  reported { messageId content requestId }
"""

SET = f"""
mutation($station: ID!, $message: DisplayMessageInput!, $timeout: Float) {{
  setDisplayMessage(stationId: $station, message: $message, timeoutSeconds: $timeout) {{
    outcome messageId status statusInfo {{ reasonCode additionalInfo }}
    errorCode errorDescription
    message {{ {MESSAGE_FIELDS} }}
  }}
}}
"""

GET = """
mutation($station: ID!, $ids: [Int!], $priority: MessagePriority, $state: MessageState,
         $timeout: Float) {
  getDisplayMessages(stationId: $station, ids: $ids, priority: $priority, state: $state,
                     timeoutSeconds: $timeout) {
    outcome requestId status statusInfo { reasonCode } errorCode
    request { requestId ids priority state completed parts messages }
  }
}
"""

CLEAR = f"""
mutation($station: ID!, $id: Int!, $timeout: Float) {{
  clearDisplayMessage(stationId: $station, messageId: $id, timeoutSeconds: $timeout) {{
    outcome status statusInfo {{ reasonCode }} errorCode
    message {{ {MESSAGE_FIELDS} }}
  }}
}}
"""

MESSAGES = f"""
query($station: ID!, $presence: [DisplayMessagePresence!]) {{
  displayMessages(stationId: $station, presence: $presence) {{ {MESSAGE_FIELDS} }}
}}
"""

REPORTED = """
query($station: ID!) {
  reportedDisplayMessages(stationId: $station) {
    messageId priority state content format language transactionId requestId
    display { name evseId }
  }
}
"""

REQUEST = """
query($station: ID!, $id: Int!) {
  displayMessageRequest(stationId: $station, requestId: $id) {
    requestId ids priority state requestedAt outcome status completed parts messages
  }
}
"""

EVENTS = "subscription($id: ID) { stationEvents(stationId: $id) { type payload } }"


def message_input(content: str = "Welcome", **fields: Any) -> dict[str, Any]:
    """A DisplayMessageInput: NormalCycle, UTF8, `content`; `fields` add or replace (camelCase)."""
    return {"priority": "NormalCycle", "format": "UTF8", "content": content, **fields}


def message_info(message_id: int, content: str, **fields: Any) -> dict[str, Any]:
    """A MessageInfoType as a station reports it: NormalCycle, UTF8 unless `fields` say."""
    info: dict[str, Any] = {
        "id": message_id,
        "priority": fields.pop("priority", "NormalCycle"),
        "message": {"format": fields.pop("format", "UTF8"), "content": content},
    }
    info.update(fields)
    return info


def controller_variable(
    variable: str, value: str | None, max_limit: int | None = None
) -> dict[str, Any]:
    """One NotifyReport reportData entry of DisplayMessageCtrlr."""
    attribute: dict[str, Any] = {"type": "Actual", "mutability": "ReadOnly"}
    if value is not None:
        attribute["value"] = value
    characteristics: dict[str, Any] = {"dataType": "MemberList", "supportsMonitoring": False}
    if max_limit is not None:
        characteristics = {"dataType": "integer", "supportsMonitoring": False}
        characteristics["maxLimit"] = max_limit
    return {
        "component": {"name": "DisplayMessageCtrlr"},
        "variable": {"name": variable},
        "variableAttribute": [attribute],
        "variableCharacteristics": characteristics,
    }


async def report_display_controller(
    station: ScriptedStation,
    formats: str | None = None,
    priorities: str | None = None,
    max_messages: int | None = None,
    states: str | None = None,
) -> None:
    """The station reports its DisplayMessageCtrlr (a NotifyReport of its own, request 900)."""
    items = []
    if formats is not None:
        items.append(controller_variable("SupportedFormats", formats))
    if priorities is not None:
        items.append(controller_variable("SupportedPriorities", priorities))
    if states is not None:
        items.append(controller_variable("SupportedStates", states))
    if max_messages is not None:
        items.append(controller_variable("DisplayMessages", "0", max_limit=max_messages))
    answer = await station.call("NotifyReport", notify_report(900, 0, False, items))
    assert answer[0] == 3, answer


async def set_message(
    node: RunningNode,
    station: ScriptedStation,
    message: dict[str, Any],
    answer: dict[str, Any],
) -> tuple[list[Any], dict[str, Any]]:
    """Run setDisplayMessage; the station answers `answer`. Returns its CALL and the result."""
    variables = {"station": station.station_id, "message": message}
    call, data = await node.run_answered(station, SET, variables, "SetDisplayMessage", answer)
    return call, data["setDisplayMessage"]


async def messages_of(node: RunningNode, station_id: str) -> dict[int, dict[str, Any]]:
    """The station's display messages as the CSMS knows them, by id."""
    data = await node.graphql.data(MESSAGES, {"station": station_id})
    return {row["messageId"]: row for row in data["displayMessages"]}


async def reported_of(node: RunningNode, station_id: str) -> dict[int, dict[str, Any]]:
    """The station's catalogue as it last reported it, by id."""
    data = await node.graphql.data(REPORTED, {"station": station_id})
    return {row["messageId"]: row for row in data["reportedDisplayMessages"]}


async def until(read: Callable[[], Any], done: Callable[[Any], bool], attempts: int = 500) -> Any:
    """Read until `done` holds for what was read (a bounded wait, never a timing assertion)."""
    for _ in range(attempts):
        value = await read()
        if done(value):
            return value
        await asyncio.sleep(0.02)
    raise AssertionError(f"never reached: last read {value}")
