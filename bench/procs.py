"""Server subprocesses for the benchmarks: start, wait until ready, sample, always stop."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

_LIVE: set[Server] = set()
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: get SIGKILL if the benchmark process dies (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """One server process in its own process group, logging to a file, stopped on exit."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        log_path: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("wb")
        self.proc = subprocess.Popen(
            list(argv),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        _LIVE.add(self)

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.proc.pid

    def check_alive(self) -> None:
        """Raise, with the end of its log, if the server has exited."""
        if self.proc.poll() is not None:
            raise RuntimeError(
                f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}"
            )

    def log_tail(self, lines: int = 30) -> str:
        """The last lines the server printed."""
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def wait_for_port(self, port: int, limit_s: float = 30.0) -> None:
        """Block until 127.0.0.1:`port` accepts TCP connections."""
        self._wait(lambda: _port_open(port), limit_s, f"port {port}")

    def wait_for_http(self, url: str, limit_s: float = 60.0) -> None:
        """Block until `url` answers 200."""
        self._wait(lambda: _http_ok(url), limit_s, url)

    def _wait(self, ready: Callable[[], bool], limit_s: float, what: str) -> None:
        deadline = time.monotonic() + limit_s
        while not ready():
            self.check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: {what} not ready after {limit_s}s")
            time.sleep(0.1)

    def rss_kib(self) -> dict[str, int]:
        """Current (VmRSS) and peak (VmHWM) resident memory in KiB, from /proc."""
        fields: dict[str, int] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
        return fields

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process (all its threads) has used so far."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self, grace_s: float = 15.0) -> int:
        """SIGINT, wait for a clean exit, SIGKILL the group if it hangs; the exit code."""
        _LIVE.discard(self)
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(grace_s)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1.0) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def run_command(
    argv: Sequence[str],
    limit_s: float,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion, its output captured as text, without stdin (it is killed
    on timeout, and with this process)."""
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=limit_s,
        check=False,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent,
    )


def run_capture(argv: Sequence[str], limit_s: float) -> str:
    """Run a command to completion and return its stdout (it is killed on timeout/interrupt)."""
    done = run_command(argv, limit_s)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[1:3])} failed ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    return done.stdout


def _stop_all() -> None:
    for server in list(_LIVE):
        server.stop(grace_s=5.0)


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def install_cleanup() -> None:
    """Stop every live server at interpreter exit and turn SIGTERM into a clean exit."""
    atexit.register(_stop_all)
    signal.signal(signal.SIGTERM, _on_sigterm)


def migrate_csms(env: dict[str, str], cwd: Path, limit_s: float = 300) -> None:
    """`python -m app migrate` with `env`; RuntimeError with its output when it fails."""
    done = run_command([sys.executable, "-m", "app", "migrate"], limit_s, env, cwd)
    if done.returncode != 0:
        raise RuntimeError(f"csms migrate failed:\n{done.stdout}\n{done.stderr}")


def run_main(main: Callable[[], None]) -> None:
    """Run a benchmark's entry point; Ctrl-C stops its servers and says so."""
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped")
