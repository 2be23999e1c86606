"""TransactionEvents of one transaction handled at the same time in separate database
transactions (as on two worker nodes), on SQLite and PostgreSQL: the race on creating the
transaction row and on merging into it loses nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from ocpp.v201 import call_result
from tortoise.transactions import in_transaction

from infra.db.models import Station, Transaction, TransactionEventRecord
from modules.authorization import SqlAuthorizationStore, TokenAuthority
from modules.kernel.routing import HandlerContext
from modules.remote_control import RemoteStartTokens, SqlRemoteControlStore
from modules.transactions import SqlTransactionsStore
from modules.transactions.handlers import TransactionHandlers
from tests.support.transactions import tx_event_payload

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
async def opened_database(opened_database: str) -> str:
    """The opened database, with station CS-RACE registered."""
    await Station.create(id="CS-RACE")
    return opened_database


async def _handle(seq_no: int) -> call_result.TransactionEvent:
    payload = tx_event_payload(
        "Started" if seq_no == 0 else "Updated",
        "TX-RACE",
        seq_no,
        chargingState="Charging",
        timeSpentCharging=seq_no,
    )
    ctx = HandlerContext(station_id="CS-RACE", message_id=f"m-{seq_no}", now=NOW)
    handlers = TransactionHandlers(
        SqlTransactionsStore(),
        TokenAuthority(SqlAuthorizationStore()),
        RemoteStartTokens(SqlRemoteControlStore()),
    )
    async with in_transaction():
        return await handlers.transaction_event(ctx, payload)


async def test_racing_events_of_a_new_transaction_are_all_merged(opened_database: str) -> None:
    """Each in its own transaction at once: one row, every event stored once, state of the
    highest seqNo."""
    answers = await asyncio.gather(*(_handle(n) for n in range(8)))
    assert all(isinstance(answer, call_result.TransactionEvent) for answer in answers)
    rows = await Transaction.filter(station_id="CS-RACE")
    assert len(rows) == 1
    (row,) = rows
    assert (row.event_count, row.last_seq_no, row.time_spent_charging) == (8, 7, 7)
    assert row.has_started_event
    events = await TransactionEventRecord.filter(transaction_id=row.id).order_by("seq_no")
    assert [event.seq_no for event in events] == list(range(8))


async def test_racing_repeats_are_stored_once(opened_database: str) -> None:
    """The same event handled four times at once is stored once."""
    answers = await asyncio.gather(*(_handle(0) for _ in range(4)))
    assert len({repr(answer) for answer in answers}) == 1
    row = await Transaction.get(station_id="CS-RACE", transaction_id="TX-RACE")
    assert row.event_count == 1
    assert await TransactionEventRecord.filter(transaction_id=row.id).count() == 1
