"""`csms run` asks the kernel for the configured listen backlog (CSMS_LISTEN_BACKLOG): with
aiohttp's default of 128, a fleet reconnecting at once overflows the accept queue."""

from __future__ import annotations

from typing import Any

import pytest

import app.__main__ as cli
from app.settings import Environment, Settings


def test_run_listens_with_the_configured_backlog(monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, Any] = {}

    def fake_run_app(application: Any, **options: Any) -> None:
        started.update(options)
        options["loop"].close()

    monkeypatch.setattr("app.__main__.web.run_app", fake_run_app)
    monkeypatch.setattr("app.__main__.gc.set_threshold", lambda *thresholds: None)
    monkeypatch.setenv("CSMS_ENVIRONMENT", "dev")
    monkeypatch.setenv("CSMS_LISTEN_BACKLOG", "7777")
    monkeypatch.setenv("CSMS_DATABASE_URL", "sqlite://:memory:")
    cli.main(["run"])
    assert started["backlog"] == 7777


def test_the_default_backlog_holds_a_reconnecting_fleet_of_ten_thousand() -> None:
    assert Settings(environment=Environment.DEV).listen_backlog >= 10_000
