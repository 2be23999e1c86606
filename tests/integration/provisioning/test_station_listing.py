"""Listing stations through GraphQL, on SQLite and PostgreSQL: filters, free-text search on
the id, paging by id, and a query count that does not grow with the number of stations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from tortoise import Tortoise

from infra.db.models import ConnectorStatus, Station
from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

LIST = """
query($online: Boolean, $registration: String, $vendor: String, $model: String,
      $search: String, $first: Int, $after: ID) {
  stations(online: $online, registrationStatus: $registration, vendorName: $vendor,
           model: $model, search: $search, first: $first, after: $after) { id }
}
"""

WITH_CONNECTORS = """
query($first: Int!) { stations(first: $first) { id evses { id connectors { id status } } } }
"""

REPORTED_AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


async def _ids(node: RunningNode, **arguments: Any) -> list[str]:
    data = await node.graphql.data(LIST, arguments)
    return [row["id"] for row in data["stations"]]


async def _seed_fleet() -> None:
    await Station.bulk_create(
        [
            Station(
                id="AMS-001",
                online=True,
                registration_status="Accepted",
                vendor_name="Alfen",
                model="Eve",
            ),
            Station(
                id="AMS-002",
                online=False,
                registration_status="Pending",
                vendor_name="Alfen",
                model="Eve Double",
            ),
            Station(
                id="AMS_003",
                online=True,
                registration_status="Accepted",
                vendor_name="ABB",
                model="Terra",
            ),
            Station(
                id="RTM-001",
                online=True,
                registration_status="Rejected",
                vendor_name="ABB",
                model="Eve",
            ),
            Station(id="RTM-100%", online=False),
        ]
    )


async def test_filters_combine(db_node: RunningNode) -> None:
    await _seed_fleet()
    assert await _ids(db_node) == ["AMS-001", "AMS-002", "AMS_003", "RTM-001", "RTM-100%"]
    assert await _ids(db_node, online=True) == ["AMS-001", "AMS_003", "RTM-001"]
    assert await _ids(db_node, registration="Accepted") == ["AMS-001", "AMS_003"]
    assert await _ids(db_node, vendor="ABB") == ["AMS_003", "RTM-001"]
    assert await _ids(db_node, model="Eve") == ["AMS-001", "RTM-001"]
    assert await _ids(db_node, vendor="Alfen", online=False) == ["AMS-002"]
    assert await _ids(db_node, vendor="ABB", model="Eve", registration="Rejected") == ["RTM-001"]
    assert await _ids(db_node, vendor="Nobody") == []


async def test_search_is_a_case_insensitive_part_of_the_id(db_node: RunningNode) -> None:
    await _seed_fleet()
    assert await _ids(db_node, search="ams") == ["AMS-001", "AMS-002", "AMS_003"]
    assert await _ids(db_node, search="s-00") == ["AMS-001", "AMS-002"]
    assert await _ids(db_node, search="Ams_0") == ["AMS_003"]
    assert await _ids(db_node, search="001") == ["AMS-001", "RTM-001"]
    assert await _ids(db_node, search="ams", online=True) == ["AMS-001", "AMS_003"]
    assert await _ids(db_node, search="") == await _ids(db_node)


async def test_search_takes_like_wildcards_literally(db_node: RunningNode) -> None:
    await _seed_fleet()
    assert await _ids(db_node, search="_") == ["AMS_003"]
    assert await _ids(db_node, search="s_") == ["AMS_003"]
    assert await _ids(db_node, search="%") == ["RTM-100%"]


async def test_paging_by_id_with_filters(db_node: RunningNode) -> None:
    await _seed_fleet()
    first = await _ids(db_node, search="a", first=2)
    assert first == ["AMS-001", "AMS-002"]
    rest = await _ids(db_node, search="a", first=2, after=first[-1])
    assert rest == ["AMS_003"]
    assert await _ids(db_node, search="a", first=2, after=rest[-1]) == []


async def test_page_size_is_bounded(db_node: RunningNode) -> None:
    for first in (0, 1001):
        body = await db_node.graphql.execute(LIST, {"first": first})
        assert body.get("errors"), first


async def _seed_with_connectors(start: int, count: int) -> None:
    """`count` stations from number `start` on, each with two EVSEs (2 + 1 connectors)."""
    ids = [f"CS-{number:05d}" for number in range(start, start + count)]
    await Station.bulk_create([Station(id=sid, online=True) for sid in ids], batch_size=500)
    await ConnectorStatus.bulk_create(
        [
            ConnectorStatus(
                station_id=sid,
                evse_id=evse,
                connector_id=connector,
                status="Available" if connector == 1 else "Occupied",
                reported_at=REPORTED_AT,
            )
            for sid in ids
            for evse, connector in ((1, 1), (1, 2), (2, 1))
        ],
        batch_size=500,
    )


@contextmanager
def _counting_queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every SQL statement the database client runs, whoever runs it."""
    seen: list[str] = []
    client_class = type(Tortoise.get_connection("default"))
    with monkeypatch.context() as patch:
        for name in ("execute_query", "execute_query_dict"):
            original = getattr(client_class, name)

            def make(method: Any) -> Any:
                async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
                    seen.append(query)
                    return await method(self, query, *args, **kwargs)

                return counted

            patch.setattr(client_class, name, make(original))
        yield seen


async def _list_all(node: RunningNode, first: int) -> list[dict[str, Any]]:
    data = await node.graphql.data(WITH_CONNECTORS, {"first": first})
    rows: list[dict[str, Any]] = data["stations"]
    return rows


async def test_listing_a_thousand_stations_with_connectors_takes_constant_queries(
    make_node: NodeFactory, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two statements (stations, then every listed station's connectors in one batch),
    whether the page holds 10 stations or 1,000."""
    node = await make_node(database_url)
    await _seed_with_connectors(0, 10)
    with _counting_queries(monkeypatch) as small:
        ten = await _list_all(node, 1000)
    assert len(ten) == 10
    await _seed_with_connectors(10, 990)
    with _counting_queries(monkeypatch) as large:
        thousand = await _list_all(node, 1000)
    assert len(thousand) == 1000
    assert len(small) == len(large) == 2, (small, large)
    assert [row["id"] for row in thousand] == [f"CS-{n:05d}" for n in range(1000)]
    expected_evses = [
        {
            "id": 1,
            "connectors": [{"id": 1, "status": "Available"}, {"id": 2, "status": "Occupied"}],
        },
        {"id": 2, "connectors": [{"id": 1, "status": "Available"}]},
    ]
    assert all(row["evses"] == expected_evses for row in thousand)
