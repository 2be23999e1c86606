"""A01 password rotation (TC_A_09_CSMS, TC_A_10_CSMS): the CSMS sends SetVariables
SecurityCtrlr.BasicAuthPassword and stores the new hash only once the station accepted it
(A01.FR.03); a Rejected answer keeps the old password working (A01.FR.04). The password is
never kept or shown in clear text (A01.FR.08, A01.FR.09): not in the database, the message log,
the device model or any GraphQL answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

OLD = "old-password-0123456789"
ROTATE = """
mutation($id: ID!, $password: String) {
  rotateStationPassword(stationId: $id, password: $password) {
    outcome status passwordChanged errorCode
  }
}
"""
SET_VARIABLES = """
mutation($id: ID!, $items: [SetVariableInput!]!) {
  setVariables(stationId: $id, items: $items) { outcome }
}
"""


def _basic(station_id: str, password: str) -> dict[str, str]:
    return {"Authorization": aiohttp.encode_basic_auth(station_id, password)}


async def _status(node: RunningNode, station_id: str, password: str) -> int:
    try:
        ws = await node.session.ws_connect(
            f"{node.ws_url}/ocpp/{station_id}",
            protocols=("ocpp2.0.1",),
            headers=_basic(station_id, password),
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await ws.close()
    return 101


@pytest.fixture
async def strict(make_node: NodeFactory, sqlite_url: str) -> RunningNode:
    """A node that admits no station without its password."""
    node = await make_node(sqlite_url, accept_unknown_stations=False)
    await node.graphql.data(
        'mutation($pw: String!) { upsertStation(input: {id: "ROT", password: $pw}) { id } }',
        {"pw": OLD},
    )
    return node


def _answer(status: str) -> dict[str, Any]:
    return {
        "setVariableResult": [
            {
                "attributeStatus": status,
                "component": {"name": "SecurityCtrlr"},
                "variable": {"name": "BasicAuthPassword"},
            }
        ]
    }


async def _rotate(
    node: RunningNode, status: str, password: str | None = None
) -> tuple[str, dict[str, Any]]:
    station = await node.station("ROT", headers=_basic("ROT", OLD))
    await station.boot()
    call, data = await node.run_answered(
        station, ROTATE, {"id": "ROT", "password": password}, "SetVariables", _answer(status)
    )
    (item,) = call[3]["setVariableData"]
    assert (item["component"], item["variable"]) == (
        {"name": "SecurityCtrlr"},
        {"name": "BasicAuthPassword"},
    )
    await station.close()
    return item["attributeValue"], data["rotateStationPassword"]


def _stored_bytes(sqlite_url: str) -> bytes:
    path = Path(sqlite_url.removeprefix("sqlite://"))
    return b"".join(
        candidate.read_bytes()
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )


async def test_an_accepted_rotation_replaces_the_password_tc_a_09_csms(
    strict: RunningNode, sqlite_url: str
) -> None:
    new, result = await _rotate(strict, "Accepted")
    assert result == {
        "outcome": "RESULT",
        "status": "Accepted",
        "passwordChanged": True,
        "errorCode": None,
    }
    assert len(new) == 40 and new.isalnum()  # generated: A01.FR.07, A00.FR.205
    assert await _status(strict, "ROT", new) == 101
    assert await _status(strict, "ROT", OLD) == 401  # A01.FR.03

    await strict.flush_message_log()
    log = await strict.graphql.data(
        '{ ocppMessages(stationId: "ROT", last: 50) { direction action frame } }'
    )
    variables = await strict.graphql.data('{ variables(stationId: "ROT") { variable value } }')
    shown = str(log) + str(variables) + str(result)
    assert new not in shown
    assert "********" in str(log)
    assert new.encode() not in _stored_bytes(sqlite_url)


async def test_a_rejected_rotation_keeps_the_old_password_tc_a_10_csms(
    strict: RunningNode, sqlite_url: str
) -> None:
    new, result = await _rotate(strict, "Rejected")
    assert (result["status"], result["passwordChanged"]) == ("Rejected", False)
    assert await _status(strict, "ROT", OLD) == 101  # A01.FR.04
    assert await _status(strict, "ROT", new) == 401
    await strict.flush_message_log()
    assert new.encode() not in _stored_bytes(sqlite_url)


async def test_an_operator_chosen_password_is_sent_as_given(strict: RunningNode) -> None:
    chosen = "Chosen-password:0123456789"
    sent, result = await _rotate(strict, "Accepted", chosen)
    assert sent == chosen and result["passwordChanged"] is True
    assert await _status(strict, "ROT", chosen) == 101


@pytest.mark.parametrize("bad", ["short-password", "x" * 41, "spaces are not allowed1"])
async def test_a_password_that_is_no_password_string_is_refused(
    strict: RunningNode, bad: str
) -> None:
    body = await strict.graphql.execute(ROTATE, {"id": "ROT", "password": bad})
    assert "password" in body["errors"][0]["message"]


async def test_set_variables_cannot_set_the_password_behind_the_csms_s_back(
    strict: RunningNode,
) -> None:
    station = await strict.station("ROT", headers=_basic("ROT", OLD))
    await station.boot()
    item = {"component": "SecurityCtrlr", "variable": "BasicAuthPassword", "value": "y" * 20}
    body = await strict.graphql.execute(SET_VARIABLES, {"id": "ROT", "items": [item]})
    assert "rotateStationPassword" in body["errors"][0]["message"]
    await station.close()


async def test_a_boot_configuration_cannot_carry_the_password(strict: RunningNode) -> None:
    """A boot configuration is stored as given: the password would be kept in clear text."""
    body = await strict.graphql.execute(
        'mutation($v: [BootVariableInput!]!) { setBootConfiguration(stationId: "ROT", '
        "variables: $v) { stationId } }",
        {"v": [{"component": "SecurityCtrlr", "variable": "BasicAuthPassword", "value": "z" * 20}]},
    )
    assert "rotateStationPassword" in body["errors"][0]["message"]
