"""Transactions and meter values (OCPP 2.0.1 blocks E and J): TransactionEvent, MeterValues,
GetTransactionStatus.

TransactionEvents (E01-E15) are merged into one `charging_transaction` row per (station,
transactionId) with every distinct event kept once per seqNo: repeated events get their first
reply again, late and offline ones are folded in seqNo order (`policy`), energy comes from
the Energy.Active.Import.Register readings (`energy`). Sampled values of MeterValues (J01/J02)
and of TransactionEvents are kept as typed `meter_sample` rows. Both actions are
group-committed.
"""

from modules.transactions.module import TransactionsConfig, build_module

__all__ = ["TransactionsConfig", "build_module"]
