"""Hand-written SELECTs (infra/db/rows.py) give the same objects as the ORM's own queries, on
SQLite and PostgreSQL: converted fields, saveable rows, IN filters, limits and row locks."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from infra.db.models import MeterSample, Station, Transaction
from infra.db.rows import select_one, select_where

AT = datetime(2026, 11, 24, 9, 0, 1, 250000, tzinfo=UTC)


async def _samples() -> Transaction:
    await Station.create(id="CS-ROWS")
    tx = await Transaction.create(station_id="CS-ROWS", transaction_id="T-1")
    for key, context in enumerate(("Transaction.Begin", "Sample.Periodic", "Transaction.End")):
        await MeterSample.create(
            content_key=key,
            station_id="CS-ROWS",
            transaction=tx,
            sampled_at=AT,
            measurand="Energy.Active.Import.Register",
            context=context,
            value=1.5,
            source="MeterValues",
            signed_data={"signedMeterData": "abc"},
        )
    return tx


async def test_rows_match_what_the_orm_reads(opened_database: str) -> None:
    tx = await _samples()
    equal = {"transaction_id": tx.id, "measurand": "Energy.Active.Import.Register"}
    chosen = ("context", ("Transaction.Begin", "Transaction.End"))
    rows = await select_where(MeterSample, equal, chosen)
    orm = await MeterSample.filter(
        transaction_id=tx.id, context__in=["Transaction.Begin", "Transaction.End"]
    )
    assert sorted(r.context or "" for r in rows) == ["Transaction.Begin", "Transaction.End"]
    assert sorted((r.id, r.sampled_at, r.value, r.signed_data) for r in rows) == sorted(
        (r.id, r.sampled_at, r.value, r.signed_data) for r in orm
    )
    assert rows[0].sampled_at == AT and rows[0].signed_data == {"signedMeterData": "abc"}
    assert len(await select_where(MeterSample, equal, limit=2)) == 2


async def test_a_locked_row_is_saveable_and_a_missing_one_is_none(opened_database: str) -> None:
    await _samples()
    async with in_transaction():
        row = await select_one(
            Transaction, {"station_id": "CS-ROWS", "transaction_id": "T-1"}, for_update=True
        )
        assert row is not None
        row.energy_wh = 42.0
        await row.save(update_fields=["energy_wh"])
    stored = await Transaction.get(station_id="CS-ROWS", transaction_id="T-1")
    assert stored.energy_wh == 42.0
    assert await select_one(Transaction, {"station_id": "CS-ROWS", "transaction_id": "T-2"}) is None
