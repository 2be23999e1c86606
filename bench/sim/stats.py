"""Pure statistics: exact counters per action and round-trip percentiles in bounded memory.

`LatencyRecorder` keeps every sample until it holds `cap` of them (default one million per
action, 8 MB); from then on it keeps a uniform random sample of that size (reservoir sampling,
Vitter's algorithm R, seeded). Count, sum, minimum and maximum stay exact whatever the number
of samples; percentiles are exact as long as `count <= cap`, which the summary reports as
`exact`. Percentiles use the nearest-rank definition: the p-th percentile is the smallest
sample such that at least p % of the samples are less than or equal to it.
"""

from __future__ import annotations

import math
import random
from array import array
from dataclasses import dataclass, field
from fractions import Fraction

DEFAULT_CAP = 1_000_000
PERCENTILES = (50.0, 95.0, 99.0)
MAX_EXAMPLES = 10


def nearest_rank(ordered: list[float], percent: float) -> float:
    """The nearest-rank `percent` percentile of an ascending list (NaN when it is empty)."""
    n = len(ordered)
    if n == 0:
        return math.nan
    rank = math.ceil(Fraction(str(percent)) * n / 100)
    return ordered[min(n, max(rank, 1)) - 1]


@dataclass(frozen=True, slots=True)
class LatencySummary:
    """What a recorder reports, in the recorder's unit."""

    count: int
    minimum: float
    maximum: float
    mean: float
    percentiles: dict[float, float]
    exact: bool
    kept: int


class LatencyRecorder:
    """Samples of one quantity: exact up to `cap`, a uniform reservoir of `cap` beyond."""

    __slots__ = ("_rng", "_samples", "cap", "count", "maximum", "minimum", "total")

    def __init__(self, cap: int = DEFAULT_CAP, seed: int = 1) -> None:
        if cap < 1:
            raise ValueError("cap must be at least 1")
        self.cap = cap
        self.count = 0
        self.total = 0.0
        self.minimum = math.inf
        self.maximum = -math.inf
        self._samples = array("d")
        self._rng = random.Random(seed)

    def add(self, value: float) -> None:
        """Record one sample."""
        self.count += 1
        self.total += value
        if value < self.minimum:
            self.minimum = value
        if value > self.maximum:
            self.maximum = value
        if len(self._samples) < self.cap:
            self._samples.append(value)
        else:
            slot = self._rng.randrange(self.count)
            if slot < self.cap:
                self._samples[slot] = value

    @property
    def exact(self) -> bool:
        """True while every sample is kept, so that percentiles are exact."""
        return self.count <= self.cap

    def percentile(self, percent: float) -> float:
        """The nearest-rank percentile of the kept samples."""
        return nearest_rank(sorted(self._samples), percent)

    def summary(self, percents: tuple[float, ...] = PERCENTILES) -> LatencySummary:
        """Count, min, max, mean and the requested percentiles (NaN when nothing recorded)."""
        ordered = sorted(self._samples)
        empty = self.count == 0
        return LatencySummary(
            count=self.count,
            minimum=math.nan if empty else self.minimum,
            maximum=math.nan if empty else self.maximum,
            mean=math.nan if empty else self.total / self.count,
            percentiles={p: nearest_rank(ordered, p) for p in percents},
            exact=self.exact,
            kept=len(ordered),
        )


def _bump(counts: dict[str, int], key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


@dataclass(slots=True)
class ActionStats:
    """The CALLs of one action sent by the stations, and what became of them."""

    latency: LatencyRecorder
    steady_latency: LatencyRecorder | None = None
    """Round trips of CALLs sent `measure_after` seconds or more into the run (None: not kept)."""
    sent: int = 0
    results: int = 0
    call_errors: dict[str, int] = field(default_factory=dict)
    timeouts: int = 0
    aborted: int = 0
    invalid_responses: int = 0

    @property
    def answered(self) -> int:
        """CALLRESULTs plus CALLERRORs received."""
        return self.results + sum(self.call_errors.values())

    def call_error(self, code: str) -> None:
        """Count one CALLERROR by its code."""
        _bump(self.call_errors, code)


@dataclass(slots=True)
class CsmsCallStats:
    """The CALLs of one action the CSMS sent to the stations, and how they were answered."""

    received: int = 0
    results: int = 0
    call_errors: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class ConnectionStats:
    """Websocket connections: attempts, failures by kind, unexpected losses."""

    attempts: int = 0
    opened: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    lost: int = 0
    dropped: int = 0
    in_flight_at_drop: int = 0
    subprotocol_mismatch: int = 0

    def fail(self, kind: str) -> None:
        """Count one failed connection attempt."""
        _bump(self.failures, kind)

    @property
    def failed(self) -> int:
        """Failed attempts of every kind."""
        return sum(self.failures.values())


@dataclass(slots=True)
class Problems:
    """Things that should never happen: kept as a count plus the first few examples."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        """Record one occurrence."""
        self.count += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(text)


@dataclass(slots=True)
class FleetStats:
    """Everything the stations measured; mutated from the single event-loop thread only."""

    sample_cap: int = DEFAULT_CAP
    seed: int = 1
    keep_steady: bool = False
    actions: dict[str, ActionStats] = field(default_factory=dict)
    csms_calls: dict[str, CsmsCallStats] = field(default_factory=dict)
    connections: ConnectionStats = field(default_factory=ConnectionStats)
    boot_statuses: dict[str, int] = field(default_factory=dict)
    unexpected_frames: int = 0
    answered_total: int = 0
    schema_violations: Problems = field(default_factory=Problems)
    crashes: Problems = field(default_factory=Problems)

    def action(self, name: str) -> ActionStats:
        """The stats of one station-sent action, created on first use."""
        stats = self.actions.get(name)
        if stats is None:
            seed = self.seed + len(self.actions)
            recorder = LatencyRecorder(self.sample_cap, seed)
            steady = LatencyRecorder(self.sample_cap, seed + 1000) if self.keep_steady else None
            stats = self.actions[name] = ActionStats(recorder, steady)
        return stats

    def csms_call(self, name: str) -> CsmsCallStats:
        """The stats of one CSMS-sent action, created on first use."""
        stats = self.csms_calls.get(name)
        if stats is None:
            stats = self.csms_calls[name] = CsmsCallStats()
        return stats

    def boot_status(self, status: str) -> None:
        """Count one BootNotification answer by its status."""
        _bump(self.boot_statuses, status)

    @property
    def sent_total(self) -> int:
        """CALLs sent by all stations."""
        return sum(a.sent for a in self.actions.values())

    @property
    def call_errors_total(self) -> int:
        """CALLERRORs received by all stations."""
        return sum(sum(a.call_errors.values()) for a in self.actions.values())

    @property
    def timeouts_total(self) -> int:
        """CALLs that got no answer in time."""
        return sum(a.timeouts for a in self.actions.values())

    @property
    def errors_total(self) -> int:
        """CALLERRORs, timeouts, aborted CALLs, bad answers, failed/lost connections, etc."""
        actions = self.actions.values()
        return (
            self.call_errors_total
            + self.timeouts_total
            + sum(a.aborted + a.invalid_responses for a in actions)
            + self.connections.failed
            + self.connections.lost
            + self.unexpected_frames
            + self.schema_violations.count
            + self.crashes.count
        )
