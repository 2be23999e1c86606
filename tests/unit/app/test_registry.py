"""The per-node connection registry: one live connection per station, newest wins."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import cast

from app.gateway.connection import StationConnection
from app.gateway.registry import ConnectionRegistry
from modules.kernel.connection_ids import connection_id


@dataclass(eq=False)
class FakeConnection:
    station_id: str
    label: str = ""
    connection_id: str = ""


_generations = itertools.count(1)


def connection(station_id: str, label: str = "") -> StationConnection:
    """A stand-in connection, newer than every one made before it."""
    return cast(
        StationConnection, FakeConnection(station_id, label, connection_id(next(_generations)))
    )


def registry_of(*connections: StationConnection) -> ConnectionRegistry:
    """A registry to which `connections` were added, in order."""
    registry = ConnectionRegistry()
    for added in connections:
        registry.add(added)
    return registry


def assert_holds(
    registry: ConnectionRegistry, station_id: str, current: StationConnection | None, size: int
) -> None:
    """The registry's connection of `station_id` is `current`, among `size` in all."""
    assert registry.get(station_id) is current
    assert len(registry) == size


def test_an_empty_registry_knows_nothing() -> None:
    registry = ConnectionRegistry()

    assert_holds(registry, "CS1", None, 0)
    assert registry.all() == []


def test_add_registers_a_connection_under_its_station_id() -> None:
    registry = ConnectionRegistry()
    first = connection("CS1")

    replaced = registry.add(first)

    assert replaced is None
    assert registry.all() == [first]
    assert_holds(registry, "CS1", first, 1)


def test_connections_of_different_stations_live_side_by_side() -> None:
    one, two = connection("CS1"), connection("CS2")

    registry = registry_of(one, two)

    assert registry.get("CS1") is one
    assert_holds(registry, "CS2", two, 2)
    assert sorted(c.station_id for c in registry.all()) == ["CS1", "CS2"]


def test_a_new_connection_replaces_the_old_one_and_returns_it() -> None:
    old, new = connection("CS1", "old"), connection("CS1", "new")
    registry = registry_of(old)

    replaced = registry.add(new)

    assert replaced is old
    assert_holds(registry, "CS1", new, 1)


def test_removing_the_current_connection_forgets_it() -> None:
    current = connection("CS1")
    registry = registry_of(current)

    assert registry.remove(current) is True
    assert_holds(registry, "CS1", None, 0)


def test_removing_a_replaced_connection_keeps_the_new_one() -> None:
    old, new = connection("CS1", "old"), connection("CS1", "new")
    registry = registry_of(old, new)

    assert registry.remove(old) is False
    assert_holds(registry, "CS1", new, 1)


def test_removing_twice_is_harmless() -> None:
    current = connection("CS1")
    registry = registry_of(current)
    registry.remove(current)

    assert registry.remove(current) is False
    assert len(registry) == 0


def test_removing_a_connection_that_was_never_added_changes_nothing() -> None:
    kept = connection("CS1")
    registry = registry_of(kept)

    assert registry.remove(connection("CS2")) is False
    assert registry.remove(connection("CS1", "stranger")) is False
    assert registry.get("CS1") is kept


def test_an_equal_but_distinct_connection_object_is_not_the_current_one() -> None:
    # Identity, not equality, decides: a dataclass-equal stand-in must not remove the live one.
    @dataclass
    class EqualConnection:
        station_id: str
        connection_id: str = "c-1"

    live = cast(StationConnection, EqualConnection("CS1"))
    registry = registry_of(live)

    assert registry.remove(cast(StationConnection, EqualConnection("CS1"))) is False
    assert registry.get("CS1") is live


def test_a_station_can_reconnect_after_its_connection_was_removed() -> None:
    first, second = connection("CS1", "first"), connection("CS1", "second")
    registry = registry_of(first)
    registry.remove(first)

    assert registry.add(second) is None
    assert registry.get("CS1") is second


def test_an_older_connection_never_replaces_a_newer_one() -> None:
    """Issue 20 item 2: two connections accepted at once may be added in either order; the
    newer generation stays, and the older one is handed back to be closed."""
    older, newer = connection("CS1", "older"), connection("CS1", "newer")
    registry = registry_of(newer)

    assert registry.add(older) is older
    assert_holds(registry, "CS1", newer, 1)
