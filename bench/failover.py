"""Measured recovery times of the multi-process deployment when a node or a worker dies.

One deployment on a fresh PostgreSQL database, Redis and a Pub/Sub emulator this benchmark
starts (as `bench.deployment_compare` does): a gateway+api node that stays up (the survivor,
whose API every command and read goes to) and two worker nodes; a doomed gateway+api node,
with a node id of its own, is started for each node trial. Over `--trials` trials each:

a. the doomed node is SIGKILLed; at once a `sendCall` ClearCache for a station it held that
   stays away is asked of the survivor: time from the kill to the OFFLINE answer;
b. that station is read back (`station { online }`, every 0.1 s) until offline;
c. a second station of the doomed node reconnects to the survivor as soon as its socket
   closes: time to its BootNotification's answer, then to a ClearCache command's RESULT;
e. the doomed node gets SIGTERM instead; its `--clean-stop-stations` stations reconnect to the
   survivor when their socket closes (1001): time until each socket closed, until each boot
   is answered, and until the node's process exited;
d. `--stations` stations on the survivor send Heartbeats back to back while one of the two
   workers is SIGKILLed (then replaced for the next trial), and again with a single worker
   that is SIGKILLed and restarted at once: time from the kill until the answer to each
   station's first CALL sent after it (and until the new worker's /readyz answers).

Every time is taken in this process, from just before the signal is sent. Prints p50 and max
per figure, with the bound the code sets, and writes bench/results/failover-<UTC>.json.
Run: `python -m bench.failover --trials 5`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import secrets
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import failover_nodes, failover_workers
from bench.deployment_compare import pubsub_emulator, shared_settings, started_node
from bench.failover_report import every_and_each, summary, table
from bench.node import ROOT, fresh_database, node_env, postgres_url
from bench.output import write_run
from bench.procs import Server, free_port, install_cleanup, migrate_csms, run_main

SCENARIOS = ("node-kill", "clean-stop", "worker-kill", "worker-restart")


@dataclass
class Deployment:
    """The processes of the run: the survivor's port, the live workers, and how to start more
    nodes on the same database, bus and cache."""

    workdir: Path
    database_url: str
    shared: dict[str, str]
    survivor_port: int = 0
    workers: list[Server] = field(default_factory=list)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def env(self, node_id: str, port: int, roles: str) -> dict[str, str]:
        """The environment of a node with `roles`, its own id and port."""
        return node_env(
            self.database_url, port, CSMS_ROLES=roles, CSMS_NODE_ID=node_id, **self.shared
        )

    def next_name(self, kind: str) -> str:
        """A node id not used before in this run (e.g. "doomed-3", "worker-4")."""
        return f"{kind}-{next(self._numbers)}"

    @contextlib.contextmanager
    def gateway(self) -> Iterator[tuple[Server, int]]:
        """A doomed gateway+api node, ready; yields it and its port."""
        name, port = self.next_name("doomed"), free_port()
        with started_node(name, self.env(name, port, "gateway,api"), self.workdir, port) as node:
            yield node, port

    def spawn_worker(self) -> tuple[Server, int]:
        """Start a worker node without waiting for it; it and its port."""
        name, port = self.next_name("worker"), free_port()
        argv = [sys.executable, "-m", "app", "run"]
        log = self.workdir / f"{name}.log"
        return Server(name, argv, log, self.env(name, port, "worker"), ROOT), port

    def add_worker(self) -> None:
        """Start a worker and wait until it reports ready."""
        worker, port = self.spawn_worker()
        worker.wait_for_http(f"http://127.0.0.1:{port}/readyz", 120)
        self.workers.append(worker)


@contextlib.contextmanager
def deployment(workdir: Path) -> Iterator[Deployment]:
    """The emulator, a fresh migrated database, the survivor node and two workers."""
    run_id = secrets.token_hex(4)
    with (
        fresh_database("bench_failover") as database,
        pubsub_emulator(workdir / "pubsub.log") as (emulator, _),
    ):
        deploy = Deployment(workdir, postgres_url(database), shared_settings(emulator, run_id))
        port = free_port()
        env = deploy.env("survivor", port, "gateway,api")
        migrate_csms(env, ROOT)
        with started_node("survivor", env, workdir, port):
            deploy.survivor_port = port
            try:
                deploy.add_worker()
                deploy.add_worker()
                yield deploy
            finally:
                for worker in deploy.workers:
                    worker.stop()


def node_kills(deploy: Deployment, trials: int) -> dict[str, list[float]]:
    """Figures a, b and c over `trials` SIGKILLed gateway nodes."""
    times: dict[str, list[float]] = {}
    for trial in range(trials):
        with deploy.gateway() as (doomed, port):
            found = asyncio.run(failover_nodes.kill_trial(deploy.survivor_port, doomed, port))
        print(f"node kill {trial + 1}/{trials}: {found}")
        for key, value in found.items():
            if isinstance(value, float):
                times.setdefault(key, []).append(value)
    return times


def clean_stops(deploy: Deployment, trials: int, stations: int) -> dict[str, list[float]]:
    """Figure e over `trials` gateway nodes stopped with SIGTERM."""
    per_trial: list[list[float]] = []
    closed: list[float] = []
    exits: list[float] = []
    for trial in range(trials):
        with deploy.gateway() as (doomed, port):
            found = asyncio.run(
                failover_nodes.clean_stop_trial(deploy.survivor_port, doomed, port, stations)
            )
        print(f"clean stop {trial + 1}/{trials}: {found}")
        per_trial.append(found["answered_s"])
        closed.extend(found["closed_s"])
        exits.append(found["node_exit_s"])
    every, each = every_and_each(per_trial)
    return {"e_closed": closed, "e_every": every, "e_station": each, "e_node_exit": exits}


def worker_kills(
    deploy: Deployment, trials: int, stations: int, restart: bool
) -> dict[str, list[float]]:
    """Figure d over `trials` SIGKILLed workers: with a second one running (`restart` False),
    or as the only worker, restarted at once (`restart` True)."""
    per_trial: list[list[float]] = []
    ready: list[float] = []
    while len(deploy.workers) > (1 if restart else 2):
        deploy.workers.pop().stop()
    while len(deploy.workers) < (1 if restart else 2):
        deploy.add_worker()
    for trial in range(trials):
        victim = deploy.workers.pop(0)
        found = asyncio.run(
            failover_workers.kill_trial(
                deploy.survivor_port, victim, deploy.spawn_worker if restart else None, stations
            )
        )
        victim.stop()
        if found.replacement is not None:
            server, port = found.replacement
            server.wait_for_http(f"http://127.0.0.1:{port}/readyz", 120)
            deploy.workers.append(server)
        else:
            deploy.add_worker()
        print(f"worker {'restart' if restart else 'kill'} {trial + 1}/{trials}: {found.report}")
        per_trial.append(found.report["answered_s"])
        if "worker_ready_s" in found.report:
            ready.append(found.report["worker_ready_s"])
    every, each = every_and_each(per_trial)
    kind = "d_restart" if restart else "d_second"
    times = {f"{kind}_every": every, f"{kind}_station": each}
    return times | ({"d_restart_ready": ready} if restart else {})


def main(argv: list[str] | None = None) -> None:
    """Entry point: start the deployment, run the chosen scenarios, print and write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--stations", type=int, default=20, help="Heartbeat stations (d)")
    parser.add_argument("--clean-stop-stations", type=int, default=10, help="stations (e)")
    parser.add_argument(
        "--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS), metavar="NAME"
    )
    args = parser.parse_args(argv)
    install_cleanup()
    started = datetime.now(UTC)
    times: dict[str, list[float]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="csms-failover-") as tmp,
        deployment(Path(tmp)) as deploy,
    ):
        if "node-kill" in args.scenarios:
            times.update(node_kills(deploy, args.trials))
        if "clean-stop" in args.scenarios:
            times.update(clean_stops(deploy, args.trials, args.clean_stop_stations))
        if "worker-kill" in args.scenarios:
            times.update(worker_kills(deploy, args.trials, args.stations, restart=False))
        if "worker-restart" in args.scenarios:
            times.update(worker_kills(deploy, args.trials, args.stations, restart=True))
    measured = summary(times)
    print("\n".join(table(measured)))
    fields: dict[str, Any] = {"summary": measured, "times_s": times}
    write_run("failover", started, argv, trials=args.trials, stations=args.stations, **fields)


if __name__ == "__main__":
    run_main(main)
