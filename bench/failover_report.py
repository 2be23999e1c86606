"""bench.failover's figures: what each one times, the bound the code sets for it, and the
table of p50 and max over the trials, in seconds and as a fraction of that bound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.commands import RECONNECT_WAIT_SECONDS
from app.node_liveness import ALIVE_TTL_SECONDS, SWEEP_SECONDS
from app.settings import Settings
from bench.fleet import percentile
from infra.bus.pubsub import ACK_DEADLINE

LIVENESS_POLL_SECONDS = 1.0
"""How often a command awaiting a remote node's station asks whether that node is alive
(`app/commands.py`, `CallSender._result_from`)."""
SHUTDOWN_GRACE_SECONDS = Settings.model_fields["shutdown_grace_seconds"].default


@dataclass(frozen=True)
class Figure:
    """One measured recovery time: its key in the results, what it times, and its bound."""

    key: str
    label: str
    bound_s: float | None
    bound: str


FIGURES = (
    Figure(
        "a_command_offline",
        "a. node SIGKILL -> command for its absent station answers OFFLINE",
        ALIVE_TTL_SECONDS + LIVENESS_POLL_SECONDS,
        f"key TTL {ALIVE_TTL_SECONDS:g} s + {LIVENESS_POLL_SECONDS:g} s liveness poll",
    ),
    Figure(
        "b_read_offline",
        "b. node SIGKILL -> that station read back offline (GraphQL poll)",
        ALIVE_TTL_SECONDS + SWEEP_SECONDS,
        f"key TTL {ALIVE_TTL_SECONDS:g} s + sweep every {SWEEP_SECONDS:g} s",
    ),
    Figure(
        "c_reconnect_boot",
        "c. node SIGKILL -> its reconnecting station's boot answered by the survivor",
        None,
        "none (reconnect and boot)",
    ),
    Figure(
        "c_reconnect_command",
        "c. node SIGKILL -> a command to that station answered RESULT",
        None,
        f"none (a command waits up to {RECONNECT_WAIT_SECONDS:g} s for a re-registration)",
    ),
    Figure(
        "d_second_every",
        "d. worker SIGKILL, 2nd worker running -> every station answered",
        float(ACK_DEADLINE),
        f"ack deadline {ACK_DEADLINE} s",
    ),
    Figure(
        "d_second_station",
        "d. worker SIGKILL, 2nd worker running -> a station answered (all stations)",
        float(ACK_DEADLINE),
        f"ack deadline {ACK_DEADLINE} s",
    ),
    Figure(
        "d_restart_every",
        "d. only worker SIGKILL, restarted at once -> every station answered",
        float(ACK_DEADLINE),
        f"ack deadline {ACK_DEADLINE} s (and the worker's start)",
    ),
    Figure(
        "d_restart_station",
        "d. only worker SIGKILL, restarted at once -> a station answered (all stations)",
        float(ACK_DEADLINE),
        f"ack deadline {ACK_DEADLINE} s (and the worker's start)",
    ),
    Figure(
        "d_restart_ready",
        "d. only worker SIGKILL, restarted at once -> the new worker ready (/readyz)",
        None,
        "none (a process start)",
    ),
    Figure(
        "e_closed",
        "e. node SIGTERM -> a station's socket closed (1001)",
        SHUTDOWN_GRACE_SECONDS,
        f"grace {SHUTDOWN_GRACE_SECONDS:g} s",
    ),
    Figure(
        "e_every",
        "e. node SIGTERM -> every station reconnected elsewhere and answered",
        SHUTDOWN_GRACE_SECONDS,
        f"grace {SHUTDOWN_GRACE_SECONDS:g} s",
    ),
    Figure(
        "e_station",
        "e. node SIGTERM -> a station reconnected and answered (all stations)",
        SHUTDOWN_GRACE_SECONDS,
        f"grace {SHUTDOWN_GRACE_SECONDS:g} s",
    ),
    Figure(
        "e_node_exit",
        "e. node SIGTERM -> the node's process exited",
        SHUTDOWN_GRACE_SECONDS,
        f"grace {SHUTDOWN_GRACE_SECONDS:g} s",
    ),
)


def every_and_each(trials: list[list[float]]) -> tuple[list[float], list[float]]:
    """Per-station times of several trials: the time until every station of a trial was
    answered (each trial's slowest), and every station's own time, pooled."""
    return [max(times) for times in trials if times], [t for times in trials for t in times]


def spread(values: list[float], bound_s: float | None) -> dict[str, Any]:
    """How many values, their p50 and max in seconds, and each as a fraction of `bound_s`."""
    p50, top = percentile(values, 50), percentile(values, 100)
    return {
        "n": len(values),
        "p50_s": p50,
        "max_s": top,
        "p50_of_bound": _fraction(p50, bound_s),
        "max_of_bound": _fraction(top, bound_s),
    }


def _fraction(value: float | None, bound_s: float | None) -> float | None:
    if value is None or not bound_s:
        return None
    return round(value / bound_s, 2)


def summary(times: dict[str, list[float]]) -> dict[str, dict[str, Any]]:
    """The spread of every figure that was measured, by key, with its bound."""
    return {
        figure.key: {
            "bound_s": figure.bound_s,
            "bound": figure.bound,
            **spread(times[figure.key], figure.bound_s),
        }
        for figure in FIGURES
        if times.get(figure.key)
    }


def _seconds(value: float | None, fraction: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f} s" + (f" ({fraction:.2f}x)" if fraction is not None else "")


def table(measured: dict[str, dict[str, Any]]) -> list[str]:
    """One line per measured figure: label, bound, p50 and max (x the bound), count."""
    lines = [f"{'figure':<80}{'bound':<58}{'p50':<18}{'max':<18}n"]
    for figure in FIGURES:
        row = measured.get(figure.key)
        if row is None:
            continue
        bound = f"{figure.bound_s:g} s: {figure.bound}" if figure.bound_s else figure.bound
        p50 = _seconds(row["p50_s"], row["p50_of_bound"])
        top = _seconds(row["max_s"], row["max_of_bound"])
        lines.append(f"{figure.label:<80}{bound:<58}{p50:<18}{top:<18}{row['n']}")
    return lines
