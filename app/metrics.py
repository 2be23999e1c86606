"""Prometheus metrics at `/metrics` (DESIGN §8).

The hot path only bumps plain integers in objects the node already holds (a dict entry per
frame, a bucket per handled call); nothing touches prometheus_client until a scrape, when
`CsmsCollector` reads those numbers and turns them into metric families.
"""

from __future__ import annotations

import hmac
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Protocol

from aiohttp import web
from prometheus_client import GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR, CollectorRegistry
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString

from modules.kernel.actions import ALL_ACTIONS
from modules.kernel.group_commit import GroupCommit

# Seconds; from a cached answer (~1 ms) to a call that waits on a slow database or station.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

MESSAGE_TYPES = {2: "CALL", 3: "CALLRESULT", 4: "CALLERROR", None: "unparseable"}
UNKNOWN_ACTION = "unknown"


class _Series:
    """One label's bucket counts (the last one is +Inf) and sum of observations."""

    __slots__ = ("counts", "total")

    def __init__(self, size: int) -> None:
        self.counts = [0] * size
        self.total = 0.0


class LatencyHistogram:
    """Fixed-bucket histograms keyed by one label; `observe` is a bisect and two additions."""

    def __init__(self, bounds: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.bounds = bounds
        self._series: dict[str, _Series] = {}

    def observe(self, label: str, seconds: float) -> None:
        """Count one observation of `seconds` for `label`."""
        series = self._series.get(label)
        if series is None:
            series = self._series[label] = _Series(len(self.bounds) + 1)
        series.counts[bisect_left(self.bounds, seconds)] += 1
        series.total += seconds

    def snapshot(self) -> Iterator[tuple[str, list[tuple[str, float]], float]]:
        """Each label with its cumulative `(le, count)` buckets ending at +Inf, and its sum."""
        edges = [*map(floatToGoString, self.bounds), "+Inf"]
        for label, series in sorted(self._series.items()):
            cumulative: list[tuple[str, float]] = []
            running = 0
            for edge, count in zip(edges, series.counts, strict=True):
                running += count
                cumulative.append((edge, running))
            yield label, cumulative, series.total


FrameKey = tuple[str, int | None, str | None]


class GatewayCounters:
    """What a node's station connections count: frames, CALLERRORs sent, handshakes."""

    def __init__(self) -> None:
        self.frames: dict[FrameKey, int] = {}
        self.call_errors: Counter[str] = Counter()
        self.accepted = 0
        self.refused: Counter[int] = Counter()
        self.auth_refusals: Counter[str] = Counter()
        self.publish_failures = 0
        self.send_stalls = 0

    def count_frame(self, direction: str, message_type: int | None, action: str | None) -> None:
        """Count one frame; an action name OCPP 2.0.1 does not define counts as `unknown`."""
        key = (direction, message_type, action)
        try:
            self.frames[key] += 1
        except KeyError:
            if action is not None and action not in ALL_ACTIONS:
                key = (direction, message_type, UNKNOWN_ACTION)
            self.frames[key] = self.frames.get(key, 0) + 1


class CommandCounters:
    """CSMS→station commands sent from this node, by action and outcome, and their duration."""

    def __init__(self) -> None:
        self.outcomes: Counter[tuple[str, str]] = Counter()
        self.latency = LatencyHistogram()


class MessageLogCounts(Protocol):
    """What the metrics read of the message log writer."""

    @property
    def written(self) -> int:
        """Frames stored."""
        ...

    @property
    def failed(self) -> int:
        """Frames lost to failed writes."""
        ...

    @property
    def backlog(self) -> int:
        """Frames waiting to be written."""
        ...

    @property
    def dropped(self) -> int:
        """Frames not logged because the backlog was full."""
        ...


class PendingCount(Protocol):
    """What the metrics read of the batched last-seen writer."""

    @property
    def pending(self) -> int:
        """Stations whose Heartbeat time waits for the next write."""
        ...


class SubscriberCounts(Protocol):
    """What the metrics read of the event hub."""

    @property
    def subscriber_count(self) -> int:
        """Live event subscriptions."""
        ...

    @property
    def dropped_total(self) -> int:
        """Events lost to slow subscribers."""
        ...

    @property
    def delivered_in_process(self) -> int:
        """Events this node published and handed to its subscribers without the bus."""
        ...

    @property
    def own_copies_skipped(self) -> int:
        """Copies of those that came back through the bus and were not delivered again."""
        ...


@dataclass
class MetricSources:
    """The numbers a node's roles keep, read at scrape time; None for a role the node does not
    run. `collector_pauses` is set by `csms run` (app/collector.py) after the node is built."""

    node_id: str
    roles: frozenset[str]
    gateway: GatewayCounters | None = None
    connections: Sized | None = None
    message_log: MessageLogCounts | None = None
    station_calls: LatencyHistogram | None = None
    group_commit: GroupCommit | None = None
    presence: PendingCount | None = None
    commands: CommandCounters | None = None
    events: SubscriberCounts | None = None
    collector_pauses: LatencyHistogram | None = None


def _counter(name: str, doc: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, doc, value=value)


def _gauge(name: str, doc: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, doc, value=value)


def _histogram(
    name: str, doc: str, histogram: LatencyHistogram, label: str = "action"
) -> HistogramMetricFamily:
    family = HistogramMetricFamily(name, doc, labels=[label], unit="seconds")
    for label, buckets, total in histogram.snapshot():
        family.add_metric([label], buckets, total)
    return family


class CsmsCollector(Collector):
    """Reads the node's counters at scrape time; only the parts of the roles it runs."""

    def __init__(self, sources: MetricSources) -> None:
        self._sources = sources

    def collect(self) -> Iterable[Metric]:
        """Every CSMS metric family of this node."""
        sources = self._sources
        info = GaugeMetricFamily(
            "csms_node_info", "This node and its roles (always 1).", labels=["node_id", "roles"]
        )
        info.add_metric([sources.node_id, ",".join(sorted(sources.roles))], 1)
        yield info
        yield from self._gateway()
        yield from self._worker()
        yield from self._api()
        if sources.collector_pauses is not None:
            yield _histogram(
                "csms_gc_pause",
                "Garbage collections by generation: the event loop waits for each.",
                sources.collector_pauses,
                label="generation",
            )

    def _gateway(self) -> Iterator[Metric]:
        sources = self._sources
        counts = sources.gateway
        if counts is None:
            return
        yield _gauge(
            "csms_stations_connected",
            "Stations with an open websocket on this node.",
            len(sources.connections) if sources.connections is not None else 0,
        )
        yield _counter(
            "csms_station_connections_accepted",
            "Station websockets accepted.",
            counts.accepted,
        )
        refused = CounterMetricFamily(
            "csms_station_connections_refused",
            "Station websocket handshakes refused, by HTTP status (400 bad id or subprotocol, "
            "401 bad credentials, 404 unknown station).",
            labels=["status"],
        )
        for status, total in sorted(counts.refused.items()):
            refused.add_metric([str(status)], total)
        yield refused
        auth = CounterMetricFamily(
            "csms_station_auth_refusals",
            "Station connections refused for their credentials, by reason (missing_credentials, "
            "bad_credentials, no_password, certificate_mismatch, profile_too_low, throttled, "
            "busy, tls_handshake).",
            labels=["reason"],
        )
        for reason, total in sorted(counts.auth_refusals.items()):
            auth.add_metric([reason], total)
        yield auth
        messages = CounterMetricFamily(
            "csms_ocpp_messages",
            "OCPP-J frames received (in) and sent (out), by message type and action.",
            labels=["direction", "message_type", "action"],
        )
        for (direction, kind, action), total in sorted(
            counts.frames.items(), key=lambda item: repr(item[0])
        ):
            messages.add_metric(
                [direction.lower(), MESSAGE_TYPES.get(kind, str(kind)), action or ""], total
            )
        yield messages
        errors = CounterMetricFamily(
            "csms_ocpp_call_errors_sent",
            "CALLERRORs sent to stations, by error code.",
            labels=["error_code"],
        )
        for code, total in sorted(counts.call_errors.items()):
            errors.add_metric([code], total)
        yield errors
        yield _counter(
            "csms_gateway_publish_failures",
            "Station CALLs the gateway could not publish to the bus (answered InternalError).",
            counts.publish_failures,
        )
        yield _counter(
            "csms_station_send_stalls",
            "Station websockets closed because the station left more than "
            "CSMS_WS_SEND_BUFFER_BYTES unread for CSMS_WS_SEND_STALL_SECONDS.",
            counts.send_stalls,
        )
        if sources.message_log is not None:
            log = sources.message_log
            yield _counter("csms_message_log_frames_written", "Frames stored.", log.written)
            yield _counter(
                "csms_message_log_frames_failed", "Frames lost to failed writes.", log.failed
            )
            yield _gauge(
                "csms_message_log_queue_depth", "Frames waiting to be written.", log.backlog
            )
            yield _counter(
                "csms_message_log_frames_dropped",
                "Frames not logged because the write backlog was full.",
                log.dropped,
            )

    def _worker(self) -> Iterator[Metric]:
        sources = self._sources
        if sources.station_calls is not None:
            yield _histogram(
                "csms_station_call_duration",
                "Time to answer a station CALL on the worker (handler, commit, reply), by action.",
                sources.station_calls,
            )
        group_commit = sources.group_commit
        if group_commit is not None:
            yield _counter(
                "csms_group_commit_batches",
                "Shared transactions committed.",
                group_commit.batches,
            )
            yield _counter(
                "csms_group_commit_units",
                "Station calls committed in shared transactions.",
                group_commit.units,
            )
            yield _counter(
                "csms_group_commit_retried_batches",
                "Shared transactions run again with a savepoint per call after one call failed.",
                group_commit.retried_batches,
            )
        if sources.presence is not None:
            yield _gauge(
                "csms_last_seen_pending",
                "Stations whose Heartbeat time waits for the next batched write.",
                sources.presence.pending,
            )

    def _api(self) -> Iterator[Metric]:
        sources = self._sources
        if sources.commands is not None:
            commands = CounterMetricFamily(
                "csms_commands",
                "CSMS→station calls sent from this node, by action and outcome.",
                labels=["action", "outcome"],
            )
            for (action, outcome), total in sorted(sources.commands.outcomes.items()):
                commands.add_metric([action, outcome], total)
            yield commands
            yield _histogram(
                "csms_command_duration",
                "Time from sending a CSMS→station call to its outcome, by action.",
                sources.commands.latency,
            )
        if sources.events is not None:
            yield _gauge(
                "csms_event_subscribers",
                "Live GraphQL event subscriptions on this node.",
                sources.events.subscriber_count,
            )
            yield _counter(
                "csms_events_dropped",
                "Events lost to subscribers reading too slowly.",
                sources.events.dropped_total,
            )
            yield _counter(
                "csms_events_delivered_in_process",
                "Events this node published and handed to its own subscribers without "
                "crossing the bus (Pub/Sub only).",
                sources.events.delivered_in_process,
            )
            yield _counter(
                "csms_events_own_copies_skipped",
                "This node's own events that came back through the bus and were not "
                "delivered a second time.",
                sources.events.own_copies_skipped,
            )


def build_registry(sources: MetricSources) -> CollectorRegistry:
    """A registry of this node's CSMS metrics plus the process, platform and GC collectors."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(CsmsCollector(sources))
    for standard in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
        registry.register(standard)
    return registry


def scrape_allowed(authorization: str | None, token: str) -> bool:
    """True when no metrics token is set, or the request carries it as a bearer token."""
    if not token:
        return True
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def exposition(registry: CollectorRegistry, accept: str) -> web.Response:
    """The registry in the format the scraper accepts: OpenMetrics when it asks for it, else
    the classic text format."""
    encode, content_type = choose_encoder(accept)
    return web.Response(body=encode(registry), headers={"Content-Type": content_type})
