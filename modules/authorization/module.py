"""The authorization routing table."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import call

from modules.authorization.commands import clear_cache_result
from modules.authorization.handlers import AuthorizationHandlers
from modules.authorization.ports import ContractCertificateCheck, TariffTexts
from modules.authorization.store import AuthorizationStore
from modules.kernel.routing import Module, StationCallRoute, command


@dataclass(frozen=True, slots=True)
class AuthorizationConfig:
    """`unknown_status`: what an unknown id token is answered (Unknown or Invalid);
    `allow_concurrent_tx`: whether a token (or its group) already charging may start another
    transaction (when False, Authorize answers ConcurrentTx)."""

    unknown_status: str = "Unknown"
    allow_concurrent_tx: bool = False


def build_module(
    store: AuthorizationStore,
    config: AuthorizationConfig | None = None,
    contract_check: ContractCertificateCheck | None = None,
    tariff_texts: TariffTexts | None = None,
) -> Module:
    """The authorization module (block C: Authorize, ClearCache); `contract_check` verifies
    ISO 15118 contract certificates (C07; none: NoCertificateAvailable); `tariff_texts` gives
    an accepted driver's tariff text (I01, none: no tariff texts)."""
    config = config or AuthorizationConfig()
    handlers = AuthorizationHandlers(
        store,
        config.unknown_status,
        config.allow_concurrent_tx,
        contract_check=contract_check,
        tariff_texts=tariff_texts,
    )
    return Module(
        name="authorization",
        station_calls={"Authorize": StationCallRoute(call.Authorize, handlers.authorize)},
        commands={"ClearCache": command("ClearCache", clear_cache_result)},
    )
