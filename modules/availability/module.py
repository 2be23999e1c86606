"""The availability routing table."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.availability import handlers
from modules.kernel.routing import Module, ResultRoute


def build_module() -> Module:
    """The availability module (block G: G03, G04)."""
    return Module(
        name="availability",
        block="G",
        commands=frozenset({"ChangeAvailability"}),
        results={
            "ChangeAvailability": ResultRoute(
                call.ChangeAvailability,
                call_result.ChangeAvailability,
                handlers.change_availability_result,
            )
        },
    )
