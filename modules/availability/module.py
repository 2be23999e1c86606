"""The availability routing table."""

from __future__ import annotations

from modules.availability import commands
from modules.kernel.routing import Module, command


def build_module() -> Module:
    """The availability module (block G: G03, G04)."""
    return Module(
        name="availability",
        commands={
            "ChangeAvailability": command(
                "ChangeAvailability", commands.change_availability_result
            ),
        },
    )
