"""`GET /metrics`: the Prometheus exposition of a running node, read back after real traffic."""

from __future__ import annotations

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from app.collector import PAUSE_BUCKETS
from app.metrics import LatencyHistogram
from tests.conftest import NodeFactory
from tests.support.nodes import RunningNode

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]

METRICS_TOKEN = "scrape-token-0123456789"


async def scrape(node: RunningNode, headers: dict[str, str] | None = None) -> Samples:
    """Every sample of the node's `/metrics`, keyed by name and labels."""
    async with node.session.get(f"{node.http_url}/metrics", headers=headers) as response:
        assert response.status == 200, await response.text()
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = await response.text()
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    """One sample's value, or None when the node does not expose it."""
    return samples.get((name, frozenset(labels.items())))


async def refused_status(node: RunningNode, station_id: str, protocol: str) -> int:
    """The HTTP status of a websocket handshake the gateway must refuse."""
    try:
        ws = await node.session.ws_connect(
            f"{node.ws_url}/ocpp/{station_id}", protocols=(protocol,)
        )
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status
    await ws.close()
    raise AssertionError("the handshake was accepted")


async def test_metrics_count_frames_errors_calls_and_commands(db_node: RunningNode) -> None:
    station = await db_node.station("CS-MET")
    assert (await station.boot())[0] == 3
    assert (await station.call("Heartbeat", {}))[0] == 3
    meter_value = [{"timestamp": "2025-01-01T00:00:00Z", "sampledValue": [{"value": 10.0}]}]
    assert (await station.call("MeterValues", {"evseId": 1, "meterValue": meter_value}))[0] == 3
    await station.send_raw("garbage")
    assert (await station.next_frame())[2] == "RpcFrameworkError"
    unknown = await station.call("NoSuchAction", {})
    assert unknown[0] == 4 and unknown[2] == "NotImplemented"
    assert await refused_status(db_node, "CS-MET-2", "ocpp1.6") == 400
    _, data = await db_node.run_answered(
        station,
        'mutation { sendCall(stationId: "CS-MET", action: "ClearCache", payload: {}) { outcome } }',
        {},
        "ClearCache",
        {"status": "Accepted"},
    )
    assert data["sendCall"]["outcome"] == "RESULT"
    offline = await db_node.graphql.data(
        'mutation { sendCall(stationId: "CS-NOWHERE", action: "ClearCache", payload: {}) '
        "{ outcome } }"
    )
    assert offline["sendCall"]["outcome"] == "OFFLINE"

    samples = await scrape(db_node)

    assert value(
        samples, "csms_node_info", node_id=db_node.settings.node_id, roles="api,gateway,worker"
    )
    assert value(samples, "csms_stations_connected") == 1
    assert value(samples, "csms_station_connections_accepted_total") == 1
    assert value(samples, "csms_station_connections_refused_total", status="400") == 1
    messages = "csms_ocpp_messages_total"
    expected_frames = {
        ("in", "CALL", "BootNotification"): 1,
        ("out", "CALLRESULT", "BootNotification"): 1,
        ("in", "CALL", "Heartbeat"): 1,
        ("out", "CALLRESULT", "Heartbeat"): 1,
        ("in", "CALL", "MeterValues"): 1,
        ("out", "CALLRESULT", "MeterValues"): 1,
        ("in", "unparseable", ""): 1,
        ("in", "CALL", "unknown"): 1,
        ("out", "CALLERROR", ""): 2,
        ("out", "CALL", "ClearCache"): 1,
        ("in", "CALLRESULT", "ClearCache"): 1,
    }
    exposed = {
        (labels["direction"], labels["message_type"], labels["action"]): count
        for (name, label_set), count in samples.items()
        if name == messages
        for labels in [dict(label_set)]
    }
    assert exposed == expected_frames
    assert value(samples, "csms_ocpp_call_errors_sent_total", error_code="RpcFrameworkError") == 1
    assert value(samples, "csms_ocpp_call_errors_sent_total", error_code="NotImplemented") == 1
    assert value(samples, "csms_gateway_publish_failures_total") == 0
    for action in ("BootNotification", "Heartbeat", "MeterValues"):
        count = value(samples, "csms_station_call_duration_seconds_count", action=action)
        assert count == 1, action
        every = value(
            samples, "csms_station_call_duration_seconds_bucket", action=action, le="+Inf"
        )
        assert every == 1, action
    # The connection's CONNECTED, BootNotification and MeterValues are group-committed; the
    # calls are sent one after the other, each answered before the next, so each has its own
    # batch, but CONNECTED may share the boot's
    assert value(samples, "csms_group_commit_units_total") == 3
    assert value(samples, "csms_group_commit_batches_total") in (2, 3)
    assert value(samples, "csms_commands_total", action="ClearCache", outcome="RESULT") == 1
    assert value(samples, "csms_commands_total", action="ClearCache", outcome="OFFLINE") == 1
    assert value(samples, "csms_command_duration_seconds_count", action="ClearCache") == 2
    assert value(samples, "csms_event_subscribers") == 0
    assert value(samples, "csms_events_dropped_total") == 0
    # the in-process bus: every event reaches the hub through its subscription, as before
    assert value(samples, "csms_events_delivered_in_process_total") == 0
    assert value(samples, "csms_events_own_copies_skipped_total") == 0
    assert value(samples, "csms_last_seen_pending") is not None
    assert value(samples, "csms_message_log_frames_failed_total") == 0
    assert value(samples, "csms_message_log_frames_dropped_total") == 0
    assert value(samples, "process_resident_memory_bytes") is not None

    message_log = db_node.node.message_log
    assert message_log is not None
    await db_node.flush_message_log()
    frames = sum(expected_frames.values())
    await db_node.wait_for(lambda: message_log.written == frames)
    after_flush = await scrape(db_node)
    assert value(after_flush, "csms_message_log_frames_written_total") == frames
    assert value(after_flush, "csms_message_log_queue_depth") == 0

    await station.close()
    gateway = db_node.node.gateway
    assert gateway is not None
    await db_node.wait_for(lambda: len(gateway.registry) == 0)
    after_close = await scrape(db_node)
    assert value(after_close, "csms_stations_connected") == 0
    assert value(after_close, "csms_station_connections_accepted_total") == 1


async def test_metrics_token_guards_the_scrape(make_node: NodeFactory, database_url: str) -> None:
    node = await make_node(database_url, metrics_token=METRICS_TOKEN)
    for headers in ({}, {"Authorization": "Bearer wrong-token"}, {"Authorization": METRICS_TOKEN}):
        async with node.session.get(f"{node.http_url}/metrics", headers=headers) as response:
            assert response.status == 401
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    samples = await scrape(node, {"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert value(samples, "csms_stations_connected") == 0


async def test_metrics_cover_only_the_roles_a_node_runs(
    make_node: NodeFactory, database_url: str
) -> None:
    node = await make_node(database_url, roles="worker,api")
    samples = await scrape(node)
    names = {name for name, _ in samples}
    assert value(samples, "csms_node_info", node_id=node.settings.node_id, roles="api,worker")
    assert "csms_stations_connected" not in names
    assert "csms_message_log_frames_written_total" not in names
    assert "csms_group_commit_units_total" in names
    assert "csms_event_subscribers" in names


async def test_metrics_speak_openmetrics_when_asked(db_node: RunningNode) -> None:
    accept = {"Accept": "application/openmetrics-text; version=1.0.0"}
    async with db_node.session.get(f"{db_node.http_url}/metrics", headers=accept) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/openmetrics-text")
        text = await response.text()
    assert text.rstrip().endswith("# EOF")
    assert "csms_stations_connected 0" in text


async def test_collector_pauses_are_exposed_by_generation_when_timed(db_node: RunningNode) -> None:
    """`csms run` times every garbage collection (app/collector.py); a node built without
    that policy exposes no such histogram."""
    assert not any(name.startswith("csms_gc_pause") for name, _ in await scrape(db_node))
    pauses = LatencyHistogram(PAUSE_BUCKETS)
    pauses.observe("2", 0.3)
    pauses.observe("0", 0.0004)
    assert db_node.node.metric_sources is not None
    db_node.node.metric_sources.collector_pauses = pauses

    samples = await scrape(db_node)

    assert value(samples, "csms_gc_pause_seconds_count", generation="2") == 1
    assert value(samples, "csms_gc_pause_seconds_bucket", generation="2", le="0.25") == 0
    assert value(samples, "csms_gc_pause_seconds_bucket", generation="2", le="0.5") == 1
    assert value(samples, "csms_gc_pause_seconds_bucket", generation="0", le="0.001") == 1
    assert value(samples, "csms_gc_pause_seconds_sum", generation="2") == 0.3
