"""Transactions and meter values (OCPP 2.0.1 blocks E and J): TransactionEvent, MeterValues,
GetTransactionStatus."""

from modules.transactions.module import build_module

__all__ = ["build_module"]
