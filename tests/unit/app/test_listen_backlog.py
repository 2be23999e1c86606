"""`csms run` asks the kernel for the configured listen backlog (CSMS_LISTEN_BACKLOG): with
aiohttp's default of 128, a fleet reconnecting at once overflows the accept queue."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

import app.__main__ as cli
from app.settings import Environment, Settings
from app.tls import open_listeners


class _RecordedSite:
    """Stands in for aiohttp's TCPSite: records how it was asked to listen."""

    made: list[dict[str, Any]] = []

    def __init__(self, runner: Any, host: str, port: int, **options: Any) -> None:
        self.made.append({"host": host, "port": port, **options})

    async def start(self) -> None:
        """Listen nowhere."""


async def test_the_plain_listener_uses_the_configured_backlog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.tls.web.TCPSite", _RecordedSite)
    settings = Settings(environment=Environment.DEV, listen_backlog=7777, port=9123)
    runner = web.AppRunner(web.Application())
    await open_listeners(runner, settings, lambda: None)
    assert _RecordedSite.made[-1] == {"host": "0.0.0.0", "port": 9123, "backlog": 7777}


def test_run_serves_the_node_with_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Settings] = []

    async def fake_serve(settings: Settings, application: Any) -> None:
        served.append(settings)

    monkeypatch.setattr("app.__main__._serve", fake_serve)
    monkeypatch.setattr("app.__main__.gc.set_threshold", lambda *thresholds: None)
    monkeypatch.setenv("CSMS_ENVIRONMENT", "dev")
    monkeypatch.setenv("CSMS_LISTEN_BACKLOG", "7777")
    monkeypatch.setenv("CSMS_DATABASE_URL", "sqlite://:memory:")
    cli.main(["run"])
    assert served[0].listen_backlog == 7777


def test_the_default_backlog_holds_a_reconnecting_fleet_of_ten_thousand() -> None:
    assert Settings(environment=Environment.DEV).listen_backlog >= 10_000
