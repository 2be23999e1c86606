"""The transactions routing table."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import call

from modules.kernel.routing import Module, StationCallRoute, command
from modules.transactions.handlers import TransactionHandlers
from modules.transactions.ports import CostQuote, RemoteStarts, TokenAuthority
from modules.transactions.store import TransactionsStore


@dataclass(frozen=True, slots=True)
class TransactionsConfig:
    """`unknown_status`: what an unknown id token in a TransactionEvent is answered (Unknown
    or Invalid, the same setting as for Authorize)."""

    unknown_status: str = "Unknown"


def build_module(
    store: TransactionsStore,
    tokens: TokenAuthority,
    remote_starts: RemoteStarts,
    config: TransactionsConfig | None = None,
    costs: CostQuote | None = None,
) -> Module:
    """The transactions module (blocks E and J): TransactionEvent and MeterValues, both
    group-committed and read as sent (raw), and the GetTransactionStatus command (E14);
    `costs` prices each TransactionEvent (none: no cost fields in the responses)."""
    unknown_status = (config or TransactionsConfig()).unknown_status
    handlers = TransactionHandlers(store, tokens, remote_starts, unknown_status, costs)
    return Module(
        name="transactions",
        station_calls={
            "TransactionEvent": StationCallRoute(
                call.TransactionEvent, handlers.transaction_event, group_commit=True, raw=True
            ),
            "MeterValues": StationCallRoute(
                call.MeterValues, handlers.meter_values, group_commit=True, raw=True
            ),
        },
        commands={
            "GetTransactionStatus": command("GetTransactionStatus"),
        },
    )
