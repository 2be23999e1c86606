"""Authorization rules beyond the registry lookup, over a real websocket and real GraphQL, on
SQLite and PostgreSQL: ClearCache (C11: TC_C_37_CSMS, TC_C_38_CSMS), group status (C09,
TC_C_39_CSMS) and ConcurrentTx (C01: a token, or a member of its group, charging at another
station; allowed by CSMS_ALLOW_CONCURRENT_TX).
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode
from tests.support.station import ScriptedStation
from tests.support.transactions import id_token, send_tx_event

UPSERT = "mutation($input: IdTokenInput!) { upsertIdToken(input: $input) { idToken } }"
CLEAR_CACHE = """
mutation($stationId: ID!) {
  clearCache(stationId: $stationId) { outcome status errorCode errorDescription }
}
"""
GROUP = {"idToken": "FAMILY", "type": "Central"}


async def upsert(node: RunningNode, value: str, kind: str = "ISO14443", **fields: Any) -> None:
    await node.graphql.data(
        UPSERT, {"input": {"idToken": value, "type": kind, "status": "Accepted", **fields}}
    )


async def authorize(station: ScriptedStation, value: str, kind: str = "ISO14443") -> dict[str, Any]:
    answer = await station.call("Authorize", {"idToken": {"idToken": value, "type": kind}})
    assert answer[0] == 3, answer
    info: dict[str, Any] = answer[2]["idTokenInfo"]
    return info


async def clear_cache(node: RunningNode, station: ScriptedStation, status: str) -> dict[str, Any]:
    asking = asyncio.create_task(node.graphql.data(CLEAR_CACHE, {"stationId": station.station_id}))
    call = await station.expect_call("ClearCache")
    assert call[3] == {}
    await station.reply(call[1], {"status": status})
    result: dict[str, Any] = (await asking)["clearCache"]
    return result


async def test_tc_c_37_csms_clear_cache_accepted(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-CC-1")
    assert await clear_cache(db_node, station, "Accepted") == {
        "outcome": "RESULT",
        "status": "Accepted",
        "errorCode": None,
        "errorDescription": None,
    }


async def test_tc_c_38_csms_clear_cache_rejected(db_node: RunningNode) -> None:
    station = await db_node.booted_station("CS-CC-2")
    assert (await clear_cache(db_node, station, "Rejected"))["status"] == "Rejected"
    offline = await db_node.graphql.data(CLEAR_CACHE, {"stationId": "CS-NOWHERE"})
    assert offline["clearCache"]["outcome"] == "OFFLINE"
    assert offline["clearCache"]["status"] is None


async def test_c09_a_group_that_is_not_accepted_passes_its_status_on(db_node: RunningNode) -> None:
    """C09: members answer their group id token; a registered group that is Blocked (or
    expired) makes an Accepted member Blocked (Expired); the member's own status wins."""
    station = await db_node.booted_station("CS-GRP-1")
    await upsert(db_node, "MEMBER-1", groupIdToken=GROUP)
    await upsert(db_node, "MEMBER-2", status="NoCredit", groupIdToken=GROUP)
    # an unregistered group is only a label
    assert await authorize(station, "MEMBER-1") == {"status": "Accepted", "groupIdToken": GROUP}
    await upsert(db_node, "FAMILY", kind="Central", status="Blocked")
    assert await authorize(station, "MEMBER-1") == {"status": "Blocked", "groupIdToken": GROUP}
    assert (await authorize(station, "MEMBER-2"))["status"] == "NoCredit"
    await upsert(db_node, "FAMILY", kind="Central", cacheExpiryDateTime="2020-01-01T00:00:00Z")
    assert (await authorize(station, "MEMBER-1"))["status"] == "Expired"
    await upsert(db_node, "FAMILY", kind="Central")
    assert (await authorize(station, "MEMBER-1"))["status"] == "Accepted"


async def start_transaction(station: ScriptedStation, tx_id: str, value: str) -> None:
    answer = await send_tx_event(
        station, "Started", tx_id, 0, evse={"id": 1, "connectorId": 1}, idToken=id_token(value)
    )
    assert answer[0] == 3, answer


async def test_tc_c_39_csms_group_member_at_the_station_where_its_group_charges_is_accepted(
    db_node: RunningNode,
) -> None:
    """TC_C_39_CSMS steps 1-7: while a group member charges, another member presented at the
    same station (to stop it) is Accepted with the group id token."""
    station = await db_node.booted_station("CS-GRP-2")
    await upsert(db_node, "GRP-CARD-1", groupIdToken=GROUP)
    await upsert(db_node, "GRP-CARD-2", groupIdToken=GROUP)
    expected = {"status": "Accepted", "groupIdToken": GROUP}
    assert await authorize(station, "GRP-CARD-2") == expected
    await start_transaction(station, "TX-GRP-2", "GRP-CARD-1")
    assert await authorize(station, "GRP-CARD-2") == expected


async def test_concurrent_tx_for_a_token_or_group_charging_at_another_station(
    db_node: RunningNode,
) -> None:
    """C01: ConcurrentTx for the token charging elsewhere and for a member of its group;
    Accepted again once the transaction ended."""
    charging = await db_node.booted_station("CS-CTX-1")
    other = await db_node.booted_station("CS-CTX-2")
    await upsert(db_node, "CTX-1", groupIdToken=GROUP)
    await upsert(db_node, "CTX-2", groupIdToken=GROUP)
    await upsert(db_node, "CTX-3")
    await start_transaction(charging, "TX-CTX-1", "CTX-1")
    assert (await authorize(other, "CTX-1"))["status"] == "ConcurrentTx"
    assert await authorize(other, "CTX-2") == {"status": "ConcurrentTx", "groupIdToken": GROUP}
    assert (await authorize(other, "CTX-3"))["status"] == "Accepted"
    assert (await authorize(charging, "CTX-1"))["status"] == "Accepted"
    ended = await send_tx_event(
        charging,
        "Ended",
        "TX-CTX-1",
        1,
        "StopAuthorized",
        idToken=id_token("CTX-1"),
        stoppedReason="Local",
    )
    assert ended[0] == 3, ended
    assert (await authorize(other, "CTX-1"))["status"] == "Accepted"
    assert (await authorize(other, "CTX-2"))["status"] == "Accepted"


async def test_concurrent_tx_allowed_by_setting(make_node: NodeFactory, database_url: str) -> None:
    node = await make_node(database_url, allow_concurrent_tx=True)
    charging = await node.booted_station("CS-CTX-3")
    other = await node.booted_station("CS-CTX-4")
    await upsert(node, "CTX-ALLOW", groupIdToken=GROUP)
    await upsert(node, "CTX-ALLOW-2", groupIdToken=GROUP)
    await start_transaction(charging, "TX-CTX-3", "CTX-ALLOW")
    assert (await authorize(other, "CTX-ALLOW"))["status"] == "Accepted"
    assert (await authorize(other, "CTX-ALLOW-2"))["status"] == "Accepted"
