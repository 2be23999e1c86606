"""The authorization routing table."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import call

from modules.authorization.handlers import AuthorizationHandlers
from modules.kernel.routing import Module, StationCallRoute


@dataclass(frozen=True, slots=True)
class AuthorizationConfig:
    """`unknown_status`: what an unknown id token is answered (Unknown or Invalid);
    `allow_concurrent_tx`: whether a token (or its group) already charging may start another
    transaction (when False, Authorize answers ConcurrentTx)."""

    unknown_status: str = "Unknown"
    allow_concurrent_tx: bool = False


def build_module(config: AuthorizationConfig | None = None) -> Module:
    """The authorization module (block C: Authorize)."""
    handlers = AuthorizationHandlers((config or AuthorizationConfig()).unknown_status)
    return Module(
        name="authorization",
        block="C",
        station_calls={"Authorize": StationCallRoute(call.Authorize, handlers.authorize)},
    )
