"""The deployment files name only settings that exist: a renamed setting fails here, not in
an operator's compose file."""

from __future__ import annotations

import re
from pathlib import Path

from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _setting_names() -> set[str]:
    return {f"CSMS_{name.upper()}" for name in Settings.model_fields}


def test_the_compose_file_sets_only_known_settings() -> None:
    text = (ROOT / "deploy/docker-compose.yml").read_text()
    used = set(re.findall(r"\b(CSMS_[A-Z0-9_]+)\s*:", text))
    assert used, "the compose file sets no CSMS_* variable"
    assert used <= _setting_names(), sorted(used - _setting_names())


def test_the_deployment_guide_names_only_known_settings() -> None:
    text = (ROOT / "docs/deployment.md").read_text()
    used = {name.rstrip("_") for name in re.findall(r"\b(CSMS_[A-Z0-9_]+)", text)}
    prefixes = {name for name in used if name.endswith(("TLS", "TLS_"))}
    unknown = used - prefixes - _setting_names()
    assert not unknown, sorted(unknown)
