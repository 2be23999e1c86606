"""A CSMS node as `csms run` starts it, in its own process (its collector policy, uvloop, the
websocket heartbeat on), for tests that measure the process itself."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from bench.node import node_env

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class NodeProcess:
    """A running `python -m app run`."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    def rss_kib(self) -> int:
        """Resident memory now (VmRSS of /proc/<pid>/status), in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS in /proc status")

    def log_tail(self) -> str:
        """The end of what the node printed."""
        return self.log.read_text(errors="replace")[-3000:]


async def _wait_listening(node: NodeProcess, limit: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        if node.process.returncode is not None:
            raise AssertionError(f"the node exited:\n{node.log_tail()}")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", node.port)
            writer.close()
            return
        if loop.time() > deadline:
            raise AssertionError(f"the node did not listen within {limit} s:\n{node.log_tail()}")
        await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def node_process(
    database_url: str, folder: Path, **settings: str
) -> AsyncIterator[NodeProcess]:
    """Start `python -m app run` on `database_url` (dev mode, unknown stations accepted, plus
    `settings` as CSMS_* variables); stopped with SIGTERM (SIGKILL if it hangs) afterwards."""
    port = _free_port()
    env = node_env(
        database_url, port, **{f"CSMS_{key.upper()}": value for key, value in settings.items()}
    )
    log = folder / f"node-{port}.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app", "run", cwd=ROOT, env=env, stdout=out, stderr=out
        )
    node = NodeProcess(process, port, log)
    try:
        await _wait_listening(node)
        yield node
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()
