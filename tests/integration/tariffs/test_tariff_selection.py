"""Which tariff a driver gets, shown as the Authorize personalMessage (I01) over a real
websocket, on SQLite and PostgreSQL: id token > group id token > EVSE > station > default;
a token's own personal message wins; no tariff, no message; an unaccepted token, none."""

from __future__ import annotations

from typing import Any

from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation
from tests.support.tariffs import assign_tariff, create_tariff
from tests.support.transactions import UPSERT_TOKEN, at, energy_reading, id_token, send_tx_event


async def _token(node: RunningNode, value: str, **fields: Any) -> None:
    await node.graphql.data(
        UPSERT_TOKEN, {"input": {"idToken": value, "type": "ISO14443", **fields}}
    )


async def _authorize(station: ScriptedStation, value: str) -> dict[str, Any]:
    answer = await station.call("Authorize", {"idToken": id_token(value)})
    assert answer[0] == 3, answer
    info: dict[str, Any] = answer[2]["idTokenInfo"]
    return info


async def _message(station: ScriptedStation, value: str) -> str | None:
    message = (await _authorize(station, value)).get("personalMessage")
    return message["content"] if message is not None else None


async def test_tc_i_01_csms_authorize_carries_the_driver_s_tariff_text(
    db_node: RunningNode,
) -> None:
    """I01.FR.01: the best place's tariff text: id token, then group, then station, then the
    default; a token's own personal message is kept."""
    station = await db_node.booted_station("CS-SEL-1")
    other = await db_node.booted_station("CS-SEL-2")
    await db_node.graphql.data(UPSERT_TOKEN, {"input": {"idToken": "FLEET", "type": "Central"}})
    group = {"groupIdToken": {"idToken": "FLEET", "type": "Central"}}
    await _token(db_node, "PLAIN")
    await _token(db_node, "VIP", **group)
    await _token(db_node, "MEMBER", **group)
    await _token(db_node, "OWN", personalMessage={"format": "UTF8", "content": "Hello Ann"})
    await _token(db_node, "BLOCKED", status="Blocked")
    assert await _message(station, "PLAIN") is None

    default = await create_tariff(db_node, name="Default", text="Default 0.35/kWh")
    await assign_tariff(db_node, default["id"])
    assert await _message(station, "PLAIN") == "Default 0.35/kWh"
    assert "personalMessage" not in await _authorize(station, "BLOCKED")

    site = await create_tariff(db_node, name="Site", text="Site 0.40/kWh")
    await assign_tariff(db_node, site["id"], stationId="CS-SEL-1")
    fleet = await create_tariff(db_node, name="Fleet", text="Fleet 0.20/kWh")
    await assign_tariff(db_node, fleet["id"], idToken="FLEET")
    vip = await create_tariff(db_node, name="VIP", text="VIP 0.10/kWh")
    await assign_tariff(db_node, vip["id"], idToken="VIP")

    assert await _message(station, "PLAIN") == "Site 0.40/kWh"
    assert await _message(other, "PLAIN") == "Default 0.35/kWh"
    assert await _message(station, "MEMBER") == "Fleet 0.20/kWh"
    assert await _message(station, "VIP") == "VIP 0.10/kWh"
    assert await _message(station, "OWN") == "Hello Ann"


async def test_an_evse_tariff_prices_transactions_on_that_evse(db_node: RunningNode) -> None:
    """EVSE > station: a transaction on EVSE 2 is priced with EVSE 2's tariff, one on EVSE 1
    with the station's."""
    station = await db_node.booted_station("CS-SEL-3")
    site = await create_tariff(db_node, name="Site", energyPerKwh="0.40")
    fast = await create_tariff(db_node, name="Fast", energyPerKwh="0.70")
    await assign_tariff(db_node, site["id"], stationId="CS-SEL-3")
    await assign_tariff(db_node, fast["id"], stationId="CS-SEL-3", evseId=2)
    totals = {}
    for evse in (1, 2):
        tx = f"TX-EVSE-{evse}"
        begin = [energy_reading(0, at(0), "Transaction.Begin")]
        await send_tx_event(
            station,
            "Started",
            tx,
            0,
            "CablePluggedIn",
            timestamp=at(0),
            evse={"id": evse},
            meterValue=begin,
        )
        end = [energy_reading(10000, at(60), "Transaction.End")]
        answer = await send_tx_event(
            station, "Ended", tx, 1, "StopAuthorized", timestamp=at(60), meterValue=end
        )
        totals[evse] = answer[2]["totalCost"]
    assert totals == {1: 4.0, 2: 7.0}


SET_VARIABLES = """
mutation($station: ID!) {
  setVariables(stationId: $station, items: [
    {component: "TariffCostCtrlr", variable: "Enabled", variableInstance: "Tariff", value: "false"}
  ]) { outcome }
}
"""


async def test_tc_i_01_csms_no_tariff_text_to_a_station_with_tariffs_disabled(
    db_node: RunningNode,
) -> None:
    """I01.FR.02: once the station took TariffCostCtrlr Enabled[Tariff] = false, its
    Authorize answers carry no tariff text; its transactions are still priced."""
    station = await db_node.booted_station("CS-SEL-4")
    await _token(db_node, "PLAIN-4")
    tariff = await create_tariff(db_node, name="Default", text="Default 0.35/kWh")
    await assign_tariff(db_node, tariff["id"])
    assert await _message(station, "PLAIN-4") == "Default 0.35/kWh"
    answer = {
        "setVariableResult": [
            {
                "attributeStatus": "Accepted",
                "component": {"name": "TariffCostCtrlr"},
                "variable": {"name": "Enabled", "instance": "Tariff"},
            }
        ]
    }
    await db_node.run_answered(
        station, SET_VARIABLES, {"station": "CS-SEL-4"}, "SetVariables", answer
    )
    assert await _message(station, "PLAIN-4") is None
