"""The block's read rules (naive times taken as UTC, samples per transaction and measurand,
thinning) on the memory store, and the GetTransactionStatus request (E14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from modules.kernel.commands import InvalidCommand
from modules.kernel.routing import HandlerContext
from modules.transactions import (
    SampleFilter,
    TransactionFilter,
    TransactionsQueries,
    get_transaction_status,
    thin,
)
from modules.transactions.handlers import TransactionHandlers
from modules.transactions.memory_store import MemoryTransactionsStore
from tests.support.transactions import energy_reading, ocpp_time, tx_event_payload
from tests.unit.transactions.fakes import FakeRemoteStarts, FakeTokenAuthority

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


async def stored(store: MemoryTransactionsStore) -> None:
    """TX-1 started at T0 with readings each minute, TX-2 started ten minutes later."""
    handlers = TransactionHandlers(store, FakeTokenAuthority(), FakeRemoteStarts())
    readings = [energy_reading(float(n), ocpp_time(T0 + timedelta(minutes=n))) for n in range(5)]
    for tx_id, minutes, meter in (("TX-1", 0, readings), ("TX-2", 10, [])):
        payload = tx_event_payload(
            "Started", tx_id, 0, timestamp=ocpp_time(T0 + timedelta(minutes=minutes))
        )
        if meter:
            payload["meterValue"] = meter
        ctx = HandlerContext(station_id="CS-1", message_id=tx_id, now=T0)
        await handlers.transaction_event(ctx, payload)


async def test_naive_times_are_taken_as_utc() -> None:
    store = MemoryTransactionsStore()
    await stored(store)
    queries = TransactionsQueries(store)

    naive = datetime(2026, 3, 1, 10, 5)
    later = await queries.transactions(TransactionFilter(started_after=naive), 10)
    assert [v.transaction_id for v in later] == ["TX-2"]
    samples = await queries.station_samples(SampleFilter("CS-1", sampled_before=naive), 10)
    assert [s.value for s in samples] == [4.0, 3.0, 2.0, 1.0, 0.0]


async def test_samples_of_many_transactions_keep_each_key() -> None:
    store = MemoryTransactionsStore()
    await stored(store)
    queries = TransactionsQueries(store)
    one = await queries.transaction("CS-1", "TX-1")
    two = await queries.transaction("CS-1", "TX-2")
    assert one is not None and two is not None

    found = await queries.samples_of(
        [(one.pk, "TX-1", None), (two.pk, "TX-2", None), (one.pk, "TX-1", "Voltage")]
    )

    assert [[s.value for s in group] for group in found] == [[0.0, 1.0, 2.0, 3.0, 4.0], [], []]
    assert thin(found[0], 2) == [found[0][0], found[0][-1]]


def test_get_transaction_status_requests() -> None:
    """E14: about one transaction, or (without an id) about any queued message."""
    assert get_transaction_status("TX-1").transaction_id == "TX-1"
    assert get_transaction_status().transaction_id is None
    for wrong in ("", "x" * 37):
        with pytest.raises(InvalidCommand, match="transactionId: 1 to 36 characters"):
            get_transaction_status(wrong)
