"""Transactions (block E) and meter samples (block J): `transactions`, `transaction`,
`meterSamples`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import id_page
from graphql_schema.context import Context
from graphql_schema.transactions.types import (
    CURSOR_KIND,
    SAMPLES_CURSOR_KIND,
    MeterSampleType,
    TransactionType,
)
from modules.transactions import SampleFilter, TransactionFilter, TransactionsQueries


def _queries(info: Info[Context, Any]) -> TransactionsQueries:
    return info.context.services.block(TransactionsQueries)


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
        limit, before = id_page(CURSOR_KIND, first, after)
        where = TransactionFilter(
            station_id=str(station_id) if station_id is not None else None,
            id_token=id_token,
            active=active,
            started_after=started_after,
            started_before=started_before,
        )
        views = await _queries(info).transactions(where, limit, before)
        return [TransactionType.of(view) for view in views]

    @strawberry.field(
        description="One transaction of a station by its transactionId; null when unknown.",
    )
    async def transaction(
        self, info: Info[Context, Any], station_id: strawberry.ID, transaction_id: str
    ) -> TransactionType | None:
        """The transaction, or null."""
        view = await _queries(info).transaction(str(station_id), transaction_id)
        return TransactionType.of(view) if view is not None else None

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
        limit, before = id_page(SAMPLES_CURSOR_KIND, first, after)
        where = SampleFilter(
            station_id=str(station_id),
            evse_id=evse_id,
            measurand=measurand,
            in_transaction=in_transaction,
            sampled_after=sampled_after,
            sampled_before=sampled_before,
        )
        views = await _queries(info).station_samples(where, limit, before)
        return [MeterSampleType.of(view) for view in views]
