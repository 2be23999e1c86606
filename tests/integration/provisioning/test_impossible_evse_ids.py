"""G01 StatusNotification with an EVSE or connector that cannot exist, over a real websocket.

Part 2 EVSEType: an EVSE id is "a number (>0)"; 0 is the Charging Station itself, which has no
connector status, and connectors are numbered from 1. Part 4 §4.3: a value outside what the
field allows is PropertyConstraintViolation. Such a report is answered with that CALLERROR and
nothing is stored, so it never appears in `station { evses }`.
"""

from __future__ import annotations

import pytest

from tests.support.nodes import RunningNode

EVSES = "query($id: ID!) { station(id: $id) { evses { id connectors { id status } } } }"


@pytest.mark.parametrize(
    ("evse", "connector", "field"),
    [
        (-1, 1, "evseId"),
        (0, 0, "evseId"),
        (0, 1, "evseId"),
        (1, 0, "connectorId"),
        (2, -3, "connectorId"),
    ],
    ids=["evse -1", "evse 0 connector 0", "evse 0", "connector 0", "connector -3"],
)
async def test_impossible_evse_or_connector_gets_property_constraint_violation_g01(
    db_node: RunningNode, evse: int, connector: int, field: str
) -> None:
    station = await db_node.booted_station("CS-BAD-EVSE")
    assert (await station.status(1, 1, "Available"))[0] == 3

    answer = await station.status(evse, connector, "Occupied")

    assert answer[0] == 4
    assert answer[2] == "PropertyConstraintViolation"
    assert field in answer[3]
    assert answer[4] == {"field": field}
    data = await db_node.graphql.data(EVSES, {"id": "CS-BAD-EVSE"})
    assert data["station"]["evses"] == [{"id": 1, "connectors": [{"id": 1, "status": "Available"}]}]
    await station.close()
