"""Bus topic and subscription names (DESIGN §5): one per destination, never per station."""

from __future__ import annotations

STATION_CALLS = "station-calls"
STATION_CALLS_WORKERS = "station-calls-workers"
EVENTS = "events"


NODE_TOPIC_PREFIX = "node-"
NODE_EVENTS_PREFIX = "events-"


def node_topic(node_id: str) -> str:
    """The topic of everything that must reach one node (replies, CSMS calls, results)."""
    return f"{NODE_TOPIC_PREFIX}{node_id}"


def node_events_subscription(node_id: str) -> str:
    """The events subscription of one api node."""
    return f"{NODE_EVENTS_PREFIX}{node_id}"


def is_node_subscription(subscription: str) -> bool:
    """True for a subscription only one node reads (its inbox, its events), which is left
    behind when that node dies; False for one shared by every node of a role."""
    return subscription.startswith((NODE_TOPIC_PREFIX, NODE_EVENTS_PREFIX))
