"""Site load management over real websockets and real GraphQL, on SQLite and PostgreSQL: a
site with a 32 A grid limit and three stations; after each start and stop the TxProfiles the
stations hold (an unresponsive station counted at what it last acknowledged) sum to at most
the limit, `sites { plan }` shows it, and SITE_PLAN_CHANGED carries it."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.graphql import Subscription, next_station_event
from tests.support.nodes import RunningNode
from tests.support.smart_charging import start_transaction
from tests.support.station import ScriptedStation
from tests.support.transactions import send_tx_event

LIMIT = 32.0
EVENTS = "subscription { stationEvents { type stationId payload } }"
UPSERT = """
mutation($site: SiteInput!) {
  upsertSite(site: $site) { id gridLimit unit phases evseMin evseMax stationIds plan { limit } }
}
"""
MEMBERS = """
mutation($id: ID!, $stations: [ID!]!) {
  setSiteStations(id: $id, stationIds: $stations) { id stationIds }
}
"""
SITES = """
query {
  sites {
    id counted
    plan { stationId evseId transactionId limit counted reason acknowledged profileId }
  }
}
"""


def _limit(call: list[Any]) -> float:
    profile = call[3]["chargingProfile"]
    assert (profile["chargingProfilePurpose"], profile["chargingProfileKind"]) == (
        "TxProfile",
        "Absolute",
    )
    period = profile["chargingSchedule"][0]["chargingSchedulePeriod"][0]
    return float(period["limit"])


async def _serve(station: ScriptedStation, calls: int, held: dict[str, float]) -> None:
    """Answer `calls` SetChargingProfile Accepted, keeping the last limit the station holds."""
    for _ in range(calls):
        call = await station.expect_call("SetChargingProfile")
        held[station.station_id] = _limit(call)
        await station.reply(call[1], {"status": "Accepted"})


async def _plan(events: Subscription) -> dict[str, dict[str, Any]]:
    """The allocations of the next SITE_PLAN_CHANGED, by station."""
    event = await next_station_event(events, "SITE_PLAN_CHANGED")
    payload = event["payload"]
    assert payload["siteId"] == "S1" and payload["capacity"] == LIMIT
    assert payload["counted"] <= LIMIT
    return {row["stationId"]: row for row in payload["allocations"]}


async def _graphql_plan(node: RunningNode) -> dict[str, dict[str, Any]]:
    (site,) = (await node.graphql.data(SITES))["sites"]
    assert site["counted"] <= LIMIT
    return {row["stationId"]: row for row in site["plan"]}


async def test_site_limit_never_exceeded_across_starts_stops_and_an_unresponsive_station(
    db_node: RunningNode,
) -> None:
    """Site load management (Part 2 K 2.2 central smart charging): 32 A shared equally among
    the site's transactions (6-32 A each) by TxProfiles the CSMS sends itself; lowered limits
    first; a station that went away keeps counting at the 16 A it acknowledged while the
    others share the rest; after every step the limits held sum to <= 32 A."""
    a, b, c = [await db_node.booted_station(f"CS-S{n}") for n in "ABC"]
    site = {"id": "S1", "name": "Depot", "gridLimit": LIMIT, "evseMin": 6, "evseMax": 32}
    created = (await db_node.graphql.data(UPSERT, {"site": site}))["upsertSite"]
    assert (created["unit"], created["phases"], created["plan"]) == ("A", 3, [])
    stations = ["CS-SA", "CS-SB", "CS-SC"]
    members = await db_node.graphql.data(MEMBERS, {"id": "S1", "stations": stations})
    assert members["setSiteStations"]["stationIds"] == stations
    held: dict[str, float] = {}
    async with db_node.graphql.subscribe(EVENTS) as events:
        await db_node.wait_subscribers(1)

        await start_transaction(a, "TX-A")
        await _serve(a, 1, held)
        plan = await _plan(events)
        assert (plan["CS-SA"]["limit"], plan["CS-SA"]["reason"]) == (32.0, "at_maximum")
        assert held == {"CS-SA": 32.0}

        await start_transaction(b, "TX-B")
        await asyncio.gather(_serve(a, 1, held), _serve(b, 1, held))
        plan = await _plan(events)
        assert {s: (row["limit"], row["acknowledged"]) for s, row in plan.items()} == {
            "CS-SA": (16.0, True),
            "CS-SB": (16.0, True),
        }
        assert held == {"CS-SA": 16.0, "CS-SB": 16.0}

        await b.close()
        await next_station_event(events, "DISCONNECTED")
        await start_transaction(c, "TX-C")
        await asyncio.gather(_serve(a, 2, held), _serve(c, 2, held))
        plan = await _plan(events)
        assert {s: (row["limit"], row["reason"]) for s, row in plan.items()} == {
            "CS-SA": (8.0, "share"),
            "CS-SB": (16.0, "unresponsive"),
            "CS-SC": (8.0, "share"),
        }
        assert sum(held.values()) <= LIMIT
        assert held == {"CS-SA": 8.0, "CS-SB": 16.0, "CS-SC": 8.0}
        shown = await _graphql_plan(db_node)
        assert {s: row["counted"] for s, row in shown.items()} == {
            "CS-SA": 8.0,
            "CS-SB": 16.0,
            "CS-SC": 8.0,
        }
        assert not shown["CS-SB"]["acknowledged"] and shown["CS-SA"]["acknowledged"]

        ended = await send_tx_event(a, "Ended", "TX-A", 1, "StopAuthorized")
        assert ended[0] == 3, ended
        await _serve(c, 1, held)
        plan = await _plan(events)
        assert set(plan) == {"CS-SB", "CS-SC"}
        assert plan["CS-SC"]["limit"] == 16.0 and plan["CS-SB"]["counted"] == 16.0
        del held["CS-SA"]
        assert sum(held.values()) <= LIMIT

        ended = await send_tx_event(c, "Ended", "TX-C", 1, "StopAuthorized")
        assert ended[0] == 3, ended
        plan = await _plan(events)
        assert {s: (row["limit"], row["reason"]) for s, row in plan.items()} == {
            "CS-SB": (16.0, "unresponsive")
        }
    shown = await _graphql_plan(db_node)
    assert list(shown) == ["CS-SB"] and shown["CS-SB"]["counted"] == 16.0


async def test_site_mutations_refuse_bad_input(db_node: RunningNode) -> None:
    """A site's settings are checked (minimum above maximum), an unknown site or station is
    an error naming it, and deleting a site says whether it existed."""
    bad = {"id": "S2", "name": "x", "gridLimit": 10, "evseMin": 20, "evseMax": 10}
    body = await db_node.graphql.execute(UPSERT, {"site": bad})
    assert body["data"] is None and "evseMin" in body["errors"][0]["message"]
    body = await db_node.graphql.execute(MEMBERS, {"id": "S9", "stations": []})
    assert body["data"] is None and "S9" in body["errors"][0]["message"]
    good = {**bad, "evseMin": 6}
    await db_node.graphql.data(UPSERT, {"site": good})
    body = await db_node.graphql.execute(MEMBERS, {"id": "S2", "stations": ["CS-NONE"]})
    assert body["data"] is None and "CS-NONE" in body["errors"][0]["message"]
    delete = "mutation($id: ID!) { deleteSite(id: $id) }"
    assert (await db_node.graphql.data(delete, {"id": "S2"}))["deleteSite"] is True
    assert (await db_node.graphql.data(delete, {"id": "S2"}))["deleteSite"] is False
