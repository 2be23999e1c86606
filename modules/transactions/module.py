"""The transactions routing table."""

from __future__ import annotations

from modules.kernel.routing import Module


def build_module() -> Module:
    """The transactions module (blocks E and J)."""
    return Module(name="transactions", block="E")
