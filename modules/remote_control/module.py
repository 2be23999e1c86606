"""The remote-control routing table."""

from __future__ import annotations

from modules.kernel.routing import Module


def build_module() -> Module:
    """The remote-control module (block F)."""
    return Module(name="remote_control", block="F")
