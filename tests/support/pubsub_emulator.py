"""The Google Cloud Pub/Sub emulator for the test session (`gcloud beta emulators pubsub`).

The session-scoped fixture `pubsub_emulator_host` starts the real emulator on a free port and
yields its "host:port". It fails (never skips) when gcloud or the emulator is missing or does
not come up, showing the emulator's output. The emulator runs in its own process group, which
is killed whole on teardown because gcloud leaves a java child behind otherwise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import IO

import pytest

PUBSUB_TEST_PROJECT = "csms-test"
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


class EmulatorError(RuntimeError):
    """The emulator could not be started."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _output(log: IO[bytes]) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode(errors="replace")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    pgid = proc.pid  # start_new_session=True made the child its group leader
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT), (signal.SIGKILL, STOP_TIMEOUT)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.1)
            if proc.poll() is not None and not _group_alive(pgid):
                return
    proc.wait(timeout=STOP_TIMEOUT)


@contextlib.contextmanager
def run_pubsub_emulator(
    project: str = PUBSUB_TEST_PROJECT, timeout: float = STARTUP_TIMEOUT
) -> Iterator[str]:
    """Run the emulator until the block ends; yields its "127.0.0.1:<port>"."""
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        raise EmulatorError("gcloud is not on PATH; the Pub/Sub emulator tests need it")
    port = _free_port()
    command = [
        gcloud,
        "beta",
        "emulators",
        "pubsub",
        "start",
        f"--host-port=127.0.0.1:{port}",
        f"--project={project}",
    ]
    env = {
        **os.environ,
        "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
        "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "1",
    }
    with tempfile.TemporaryFile() as log:
        # A file, not a pipe: nobody has to keep draining it while the tests run.
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _port_answers(port):
                if proc.poll() is not None:
                    raise EmulatorError(
                        f"the Pub/Sub emulator exited with {proc.returncode} before listening "
                        f"on port {port}:\n$ {' '.join(command)}\n{_output(log)}"
                    )
                if time.monotonic() > deadline:
                    raise EmulatorError(
                        f"the Pub/Sub emulator did not listen on port {port} within "
                        f"{timeout:.0f} s:\n$ {' '.join(command)}\n{_output(log)}"
                    )
                time.sleep(0.2)
            yield f"127.0.0.1:{port}"
        finally:
            _kill_group(proc)


@pytest.fixture(scope="session")
def pubsub_emulator_host() -> Iterator[str]:
    """The "host:port" of a Pub/Sub emulator running for the whole test session."""
    stack = contextlib.ExitStack()
    try:
        host = stack.enter_context(run_pubsub_emulator())
    except EmulatorError as exc:
        failure = str(exc)
    else:
        with stack:
            yield host
        return
    pytest.fail(failure, pytrace=False)
