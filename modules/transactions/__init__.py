"""Transactions and meter values (OCPP 2.0.1 blocks E and J): TransactionEvent, MeterValues,
GetTransactionStatus.

TransactionEvents (E01-E15) are merged into one `charging_transaction` row per (station,
transactionId) with every distinct event kept once per seqNo: repeated events get their first
reply again, late and offline ones are folded in seqNo order (`policy`), energy comes from
the Energy.Active.Import.Register readings (`energy`). Sampled values of MeterValues (J01/J02)
and of TransactionEvents are kept as typed `meter_sample` rows. Both actions are
group-committed. The id token's answer comes through the `TokenAuthority` and `RemoteStarts`
ports (`ports`), which the composition root fills from the authorization and remote-control
blocks; the cost and tariff text of each response through the `CostQuote` port (the tariffs
block, none by default).
"""

from modules.transactions.commands import get_transaction_status
from modules.transactions.ended import EndedTransactions, EndTransaction
from modules.transactions.events import (
    TRANSACTION_EVENT_TYPES,
    MeterValuesStored,
    SampledValue,
    TransactionChanged,
    TransactionEnded,
    TransactionStarted,
    TransactionUpdated,
)
from modules.transactions.module import TransactionsConfig, build_module
from modules.transactions.ports import (
    CostQuote,
    NoCost,
    RemoteStarts,
    TokenAuthority,
    TokenDecision,
)
from modules.transactions.queries import (
    TransactionsQueries,
    thin,
)
from modules.transactions.records import (
    EventView,
    SampleFilter,
    SampleKey,
    SampleView,
    TransactionFilter,
    TransactionView,
)
from modules.transactions.store import SqlTransactionsStore, TransactionsStore

__all__ = [
    "TRANSACTION_EVENT_TYPES",
    "CostQuote",
    "EndTransaction",
    "EndedTransactions",
    "EventView",
    "MeterValuesStored",
    "NoCost",
    "RemoteStarts",
    "SampleFilter",
    "SampleKey",
    "SampleView",
    "SampledValue",
    "SqlTransactionsStore",
    "TokenAuthority",
    "TokenDecision",
    "TransactionChanged",
    "TransactionEnded",
    "TransactionFilter",
    "TransactionStarted",
    "TransactionUpdated",
    "TransactionView",
    "TransactionsConfig",
    "TransactionsQueries",
    "TransactionsStore",
    "build_module",
    "get_transaction_status",
    "thin",
]
