"""The tariffs routing table."""

from __future__ import annotations

from modules.kernel.routing import Module, command


def build_module() -> Module:
    """The tariffs module (block I): the CostUpdated command (I02). The block answers no
    station call itself: its costs and texts go into the Authorize and TransactionEvent
    responses through the ports the composition root fills (`modules/tariffs/costs.py`)."""
    return Module(name="tariffs", commands={"CostUpdated": command("CostUpdated")})
