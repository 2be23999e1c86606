"""Bus topic and subscription names (DESIGN §5): one per destination, never per station."""

from __future__ import annotations

STATION_CALLS = "station-calls"
STATION_CALLS_WORKERS = "station-calls-workers"
EVENTS = "events"


def node_topic(node_id: str) -> str:
    """The topic of everything that must reach one node (replies, CSMS calls, results)."""
    return f"node-{node_id}"


def node_events_subscription(node_id: str) -> str:
    """The events subscription of one api node."""
    return f"events-{node_id}"
