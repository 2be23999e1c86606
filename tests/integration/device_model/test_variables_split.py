"""GetVariables / SetVariables within the station's message limits, over a real websocket and
real GraphQL, on SQLite and PostgreSQL: B06.FR.05 and B05.FR.11, the CSMS SHALL NOT send more
items than DeviceDataCtrlr.ItemsPerMessage[GetVariables / SetVariables] (nor more bytes than
BytesPerMessage) reported; a larger request goes as several, the answers merged in order.
The boot configurator's SetVariables is split the same way."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson

from tests.conftest import NodeFactory
from tests.integration.device_model.test_reports import report_item, send_part
from tests.support.device_model import variable_result
from tests.support.nodes import RunningNode
from tests.support.station import CallError, Frame, ScriptedStation

GET_VARIABLES = """
mutation($station: ID!, $items: [GetVariableInput!]!) {
  getVariables(stationId: $station, items: $items) {
    outcome messages errorCode results { component variable attributeStatus attributeValue }
  }
}
"""
SET_VARIABLES = """
mutation($station: ID!, $items: [SetVariableInput!]!) {
  setVariables(stationId: $station, items: $items) {
    outcome messages errorCode results { component variable attributeStatus }
  }
}
"""


async def limited_station(node: RunningNode, station_id: str, **limits: int) -> ScriptedStation:
    """A booted station that reported DeviceDataCtrlr limits, e.g. ItemsPerMessage_GetVariables=4
    (variable, then its instance)."""
    station = await node.booted_station(station_id)
    items = []
    for name, value in limits.items():
        variable, instance = name.split("_")
        items.append(
            report_item(
                "DeviceDataCtrlr",
                variable,
                str(value),
                variable_instance=instance,
                mutability="ReadOnly",
            )
        )
    await send_part(station, 1, 0, False, items)
    return station


def wanted(count: int) -> list[dict[str, Any]]:
    """`count` GetVariables items: component C, variables V0, V1, ..."""
    return [{"component": "C", "variable": f"V{n}"} for n in range(count)]


async def answer_reads(station: ScriptedStation, calls: int) -> list[Frame]:
    """Answer `calls` GetVariables requests, each item Accepted with its variable's name as
    the value; returns the requests."""
    frames = []
    for _ in range(calls):
        frame = await station.expect_call("GetVariables")
        results = [
            variable_result("C", item["variable"]["name"], "Accepted", item["variable"]["name"])
            for item in frame[3]["getVariableData"]
        ]
        await station.reply(frame[1], {"getVariableResult": results})
        frames.append(frame)
    return frames


async def test_b06_fr_05_get_variables_split_by_items_per_message(db_node: RunningNode) -> None:
    """ItemsPerMessage[GetVariables] = 4: five items go as 4 + 1; one result of five."""
    station = await limited_station(db_node, "CS-SPLIT-1", ItemsPerMessage_GetVariables=4)
    pending = asyncio.create_task(
        db_node.graphql.data(GET_VARIABLES, {"station": "CS-SPLIT-1", "items": wanted(5)})
    )
    frames = await answer_reads(station, 2)
    result = (await pending)["getVariables"]

    assert [len(frame[3]["getVariableData"]) for frame in frames] == [4, 1]
    assert (result["outcome"], result["messages"], result["errorCode"]) == ("RESULT", 2, None)
    assert [row["attributeValue"] for row in result["results"]] == [f"V{n}" for n in range(5)]


async def test_b05_fr_11_set_variables_split_by_items_per_message(db_node: RunningNode) -> None:
    """ItemsPerMessage[SetVariables] = 4 (GetVariables' limit does not apply): 4 + 1."""
    station = await limited_station(
        db_node, "CS-SPLIT-2", ItemsPerMessage_SetVariables=4, ItemsPerMessage_GetVariables=1
    )
    items = [{"component": "C", "variable": f"V{n}", "value": str(n)} for n in range(5)]
    pending = asyncio.create_task(
        db_node.graphql.data(SET_VARIABLES, {"station": "CS-SPLIT-2", "items": items})
    )
    sizes = []
    for _ in range(2):
        frame = await station.expect_call("SetVariables")
        data = frame[3]["setVariableData"]
        sizes.append(len(data))
        results = [variable_result("C", item["variable"]["name"], "Accepted") for item in data]
        await station.reply(frame[1], {"setVariableResult": results})
    result = (await pending)["setVariables"]

    assert sizes == [4, 1]
    assert (result["outcome"], result["messages"]) == ("RESULT", 2)
    assert [row["variable"] for row in result["results"]] == [f"V{n}" for n in range(5)]


async def test_b06_fr_05_get_variables_split_by_bytes_per_message(db_node: RunningNode) -> None:
    """BytesPerMessage[GetVariables]: no request frame is larger; an item that cannot fit in
    one is refused before anything is sent."""
    limit = 200
    station = await limited_station(db_node, "CS-SPLIT-3", BytesPerMessage_GetVariables=limit)
    pending = asyncio.create_task(
        db_node.graphql.data(GET_VARIABLES, {"station": "CS-SPLIT-3", "items": wanted(5)})
    )
    frames = await answer_reads(station, 3)
    result = (await pending)["getVariables"]
    assert all(len(orjson.dumps(frame)) <= limit for frame in frames)
    assert [len(frame[3]["getVariableData"]) for frame in frames] == [2, 2, 1]
    assert (result["outcome"], result["messages"], len(result["results"])) == ("RESULT", 3, 5)

    huge = [
        {
            "component": "C" * 50,
            "componentInstance": "I" * 50,
            "variable": "V" * 50,
            "variableInstance": "W" * 50,
        }
    ]
    refused = await db_node.graphql.execute(GET_VARIABLES, {"station": "CS-SPLIT-3", "items": huge})
    assert "items[0]" in refused["errors"][0]["message"], refused
    assert "BytesPerMessage" in refused["errors"][0]["message"]


async def test_a_part_refused_ends_the_requests_with_the_answers_so_far(
    db_node: RunningNode,
) -> None:
    station = await limited_station(db_node, "CS-SPLIT-4", ItemsPerMessage_GetVariables=2)
    pending = asyncio.create_task(
        db_node.graphql.data(GET_VARIABLES, {"station": "CS-SPLIT-4", "items": wanted(5)})
    )
    await answer_reads(station, 1)
    refused = await station.expect_call("GetVariables")
    await station.reply(refused[1], CallError("InternalError", "busy"))
    result = (await pending)["getVariables"]
    assert (result["outcome"], result["messages"], result["errorCode"]) == (
        "CALL_ERROR",
        2,
        "InternalError",
    )
    assert [row["variable"] for row in result["results"]] == ["V0", "V1"]


async def test_b05_fr_11_the_boot_configuration_is_split_too(
    make_node: NodeFactory, database_url: str
) -> None:
    """A boot configuration of three variables to a station that takes one per message: three
    SetVariables requests while it is Pending, then Accepted."""
    node = await make_node(database_url)
    station = await limited_station(node, "CS-SPLIT-5", ItemsPerMessage_SetVariables=1)
    variables = [{"component": "C", "variable": f"V{n}", "value": str(n)} for n in range(3)]
    configure = """
    mutation($id: ID!, $variables: [BootVariableInput!]!) {
      setBootConfiguration(stationId: $id, variables: $variables, fetchReport: false) {
        stationId
      }
    }
    """
    await node.graphql.data(configure, {"id": "CS-SPLIT-5", "variables": variables})
    assert (await station.boot())[2]["status"] == "Pending"
    sent: list[str] = []
    for _ in range(3):
        frame = await station.expect_call("SetVariables")
        data = frame[3]["setVariableData"]
        sent.extend(item["variable"]["name"] for item in data)
        assert len(data) == 1
        results = [variable_result("C", item["variable"]["name"], "Accepted") for item in data]
        await station.reply(frame[1], {"setVariableResult": results})
    assert sent == ["V0", "V1", "V2"]
    query = 'query { bootConfiguration(stationId: "CS-SPLIT-5") { appliedAt } }'
    for _ in range(1000):
        if (await node.graphql.data(query))["bootConfiguration"]["appliedAt"]:
            break
        await asyncio.sleep(0.01)
    assert (await station.boot())[2]["status"] == "Accepted"


GET_REPORT = """
mutation($station: ID!, $cv: [ReportComponentVariableInput!]) {
  getReport(stationId: $station, componentVariables: $cv) { outcome requestId status }
}
"""


def report_selectors(count: int) -> list[dict[str, Any]]:
    """`count` GetReport componentVariables: component C, variables V0, V1, ..."""
    return [{"component": "C", "variable": f"V{n}"} for n in range(count)]


async def test_b08_fr_06_get_report_within_items_per_message(db_node: RunningNode) -> None:
    """ItemsPerMessage[GetReport] = 2: a GetReport of three componentVariables is refused
    before sending, the error naming the limit; one of two is sent as asked."""
    station = await limited_station(db_node, "CS-SPLIT-R", ItemsPerMessage_GetReport=2)
    body = await db_node.graphql.execute(
        GET_REPORT, {"station": "CS-SPLIT-R", "cv": report_selectors(3)}
    )
    assert body["data"] is None, body
    (error,) = body["errors"]
    assert "componentVariables" in error["message"], error
    assert "ItemsPerMessage[GetReport]" in error["message"], error
    pending = asyncio.create_task(
        db_node.graphql.data(GET_REPORT, {"station": "CS-SPLIT-R", "cv": report_selectors(2)})
    )
    frame = await station.expect_call("GetReport")
    assert len(frame[3]["componentVariable"]) == 2
    await station.reply(frame[1], {"status": "EmptyResultSet"})
    assert (await pending)["getReport"]["status"] == "EmptyResultSet"
    await station.close()


async def test_b08_get_report_within_bytes_per_message(db_node: RunningNode) -> None:
    """BytesPerMessage[GetReport] = 300: a GetReport whose frame is larger is refused before
    sending, the error naming the limit."""
    await limited_station(db_node, "CS-SPLIT-RB", BytesPerMessage_GetReport=300)
    body = await db_node.graphql.execute(
        GET_REPORT, {"station": "CS-SPLIT-RB", "cv": report_selectors(12)}
    )
    assert body["data"] is None, body
    (error,) = body["errors"]
    assert "BytesPerMessage[GetReport]" in error["message"], error
