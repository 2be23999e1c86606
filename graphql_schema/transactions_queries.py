"""Transactions (block E) and meter samples (block J): `transactions`, `transaction`,
`meterSamples`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_first, decode_id_cursor
from graphql_schema.context import Context
from graphql_schema.transactions_types import (
    CURSOR_KIND,
    SAMPLES_CURSOR_KIND,
    MeterSampleType,
    TransactionType,
)
from infra.db.models import MeterSample, Transaction


class TransactionsInputError(ValueError):
    """An argument of a transactions query that cannot be used."""


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _page(first: int, after: str | None, kind: str) -> tuple[int, int | None]:
    try:
        return check_first(first), decode_id_cursor(kind, after) if after is not None else None
    except ValueError as error:
        raise TransactionsInputError(str(error)) from None


@strawberry.type
class TransactionsQuery:
    """Blocks E and J: transactions and meter samples."""

    @strawberry.field(
        description="Transactions, newest first; filter by station, the id token that started "
        "them, `active`, and a range of start times (startedAfter inclusive, startedBefore "
        "exclusive); page with `first` and `after` (a transaction's cursor).",
    )
    async def transactions(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID | None = None,
        id_token: str | None = None,
        active: bool | None = None,
        started_after: datetime | None = None,
        started_before: datetime | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> list[TransactionType]:
        """One page of transactions matching every filter given."""
        limit, start = _page(first, after, CURSOR_KIND)
        query = Transaction.all()
        if station_id is not None:
            query = query.filter(station_id=str(station_id))
        if id_token is not None:
            query = query.filter(id_token=id_token)
        if active is not None:
            query = query.filter(active=active)
        if started_after is not None:
            query = query.filter(started_at__gte=_aware(started_after))
        if started_before is not None:
            query = query.filter(started_at__lt=_aware(started_before))
        if start is not None:
            query = query.filter(id__lt=start)
        rows = await query.order_by("-id").limit(limit)
        return [TransactionType.from_model(row) for row in rows]

    @strawberry.field(
        description="One transaction of a station by its transactionId; null when unknown.",
    )
    async def transaction(
        self, info: Info[Context, Any], station_id: strawberry.ID, transaction_id: str
    ) -> TransactionType | None:
        """The transaction, or null."""
        row = await Transaction.get_or_none(
            station_id=str(station_id), transaction_id=transaction_id
        )
        return TransactionType.from_model(row) if row is not None else None

    @strawberry.field(
        description="A station's sampled values (MeterValues and TransactionEvents), newest "
        "first; filter by EVSE (0: main meter), measurand, `inTransaction` (false: only "
        "samples outside any transaction) and a time range (sampledAfter inclusive, "
        "sampledBefore exclusive); page with `first` and `after` (a sample's cursor).",
    )
    async def meter_samples(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        evse_id: int | None = None,
        measurand: str | None = None,
        in_transaction: bool | None = None,
        sampled_after: datetime | None = None,
        sampled_before: datetime | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> list[MeterSampleType]:
        """One page of samples."""
        limit, start = _page(first, after, SAMPLES_CURSOR_KIND)
        query = MeterSample.filter(station_id=str(station_id))
        if evse_id is not None:
            query = query.filter(evse_id=evse_id)
        if measurand is not None:
            query = query.filter(measurand=measurand)
        if in_transaction is not None:
            query = query.filter(transaction_id__isnull=not in_transaction)
        if sampled_after is not None:
            query = query.filter(sampled_at__gte=_aware(sampled_after))
        if sampled_before is not None:
            query = query.filter(sampled_at__lt=_aware(sampled_before))
        if start is not None:
            query = query.filter(id__lt=start)
        rows = await query.order_by("-id").limit(limit).prefetch_related("transaction")
        return [
            MeterSampleType.from_model(
                row, row.transaction.transaction_id if row.transaction else None
            )
            for row in rows
        ]
