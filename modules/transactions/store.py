"""Transaction rows: find-or-create under a row lock, read and write the merged state.

Every writer of a transaction first takes its row lock (`SELECT ... FOR UPDATE` on
PostgreSQL; SQLite serialises writers anyway), so two TransactionEvents of the same
transaction handled at once on different nodes merge one after the other and none is lost.
The first event of a new transaction may race with another: the INSERT runs in a savepoint
and a unique-constraint violation means the other one won, so the row is read again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from infra.db.models import Transaction, TransactionEventRecord
from infra.db.rows import select_one
from modules.transactions.energy import EnergyBounds, EnergyReading
from modules.transactions.policy import STATE_FIELDS, TransactionState

ENERGY_FIELDS = (
    "energy_first_wh",
    "energy_first_at",
    "energy_first_context",
    "energy_last_wh",
    "energy_last_at",
    "energy_last_context",
)


async def _locked(station_id: str, transaction_id: str) -> Transaction | None:
    equal = {"station_id": station_id, "transaction_id": transaction_id}
    return await select_one(Transaction, equal, for_update=True)


async def lock_transaction(station_id: str, transaction_id: str) -> Transaction:
    """The transaction's row, created empty when new, locked until the surrounding commit."""
    row = await _locked(station_id, transaction_id)
    if row is not None:
        return row
    try:
        async with in_transaction():
            await Transaction.create(station_id=station_id, transaction_id=transaction_id)
    except IntegrityError:
        pass  # created meanwhile by a concurrent event of the same transaction
    row = await _locked(station_id, transaction_id)
    if row is None:
        raise RuntimeError(f"transaction {station_id}/{transaction_id} vanished")
    return row


async def find_event(transaction: Transaction, seq_no: int) -> TransactionEventRecord | None:
    """The stored event of `transaction` with `seq_no`, if any."""
    equal = {"transaction_id": transaction.id, "seq_no": seq_no}
    return await select_one(TransactionEventRecord, equal)


async def stored_payloads(transaction: Transaction) -> list[dict[str, Any]]:
    """The request payloads of the transaction's stored events."""
    rows = await TransactionEventRecord.filter(transaction_id=transaction.id).values_list(
        "payload", flat=True
    )
    return [dict(row) for row in rows]


def state_of(transaction: Transaction) -> TransactionState:
    """The merged state held by the row."""
    return TransactionState(**{name: getattr(transaction, name) for name in STATE_FIELDS})


def bounds_of(transaction: Transaction) -> EnergyBounds:
    """The energy bounds held by the row, each with the context that pins it (if any)."""
    first = last = None
    if transaction.energy_first_wh is not None and transaction.energy_first_at is not None:
        first = EnergyReading(
            transaction.energy_first_at,
            transaction.energy_first_wh,
            transaction.energy_first_context,
        )
    if transaction.energy_last_wh is not None and transaction.energy_last_at is not None:
        last = EnergyReading(
            transaction.energy_last_at, transaction.energy_last_wh, transaction.energy_last_context
        )
    return EnergyBounds(first, last)


def write_state(
    transaction: Transaction,
    state: TransactionState,
    bounds: EnergyBounds,
    group_id_token: str | None,
    now: datetime,
) -> list[str]:
    """Copy state, energy, group and `now` (updated_at) onto the row; the fields to save."""
    for name in STATE_FIELDS:
        setattr(transaction, name, getattr(state, name))
    transaction.energy_first_wh = bounds.first.wh if bounds.first else None
    transaction.energy_first_at = bounds.first.at if bounds.first else None
    transaction.energy_first_context = bounds.first.context if bounds.first else None
    transaction.energy_last_wh = bounds.last.wh if bounds.last else None
    transaction.energy_last_at = bounds.last.at if bounds.last else None
    transaction.energy_last_context = bounds.last.context if bounds.last else None
    transaction.energy_wh = bounds.energy_wh
    transaction.group_id_token = group_id_token
    transaction.updated_at = now
    return [*STATE_FIELDS, *ENERGY_FIELDS, "energy_wh", "group_id_token", "updated_at"]
