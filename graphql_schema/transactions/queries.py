"""Transactions (block E) and meter samples (block J): `transactions`, `transaction`,
`meterSamples`."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.transactions.types import (
    CURSOR_KIND,
    SAMPLES_CURSOR_KIND,
    MeterSampleType,
    TransactionType,
)
from modules.transactions import SampleFilter, TransactionFilter, TransactionsQueries


@strawberry.type
class TransactionsQuery:
    """Blocks E and J: transactions and meter samples."""

    @feed(
        CURSOR_KIND,
        "Transactions, newest first; filter by station, the id token that started "
        "them, `active`, and a range of start times (startedAfter inclusive, startedBefore "
        "exclusive); page with `first` and `after` (a transaction's cursor).",
    )
    async def transactions(
        self,
        transactions: TransactionsQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
        id_token: str | None = None,
        active: bool | None = None,
        started_after: datetime | None = None,
        started_before: datetime | None = None,
    ) -> list[TransactionType]:
        """One page of transactions matching every filter given."""
        where = TransactionFilter(
            station_id=str(station_id) if station_id is not None else None,
            id_token=id_token,
            active=active,
            started_after=started_after,
            started_before=started_before,
        )
        views = await transactions.transactions(where, page.limit, page.after_id)
        return [TransactionType.of(view) for view in views]

    @query("One transaction of a station by its transactionId; null when unknown.")
    async def transaction(
        self, transactions: TransactionsQueries, station_id: strawberry.ID, transaction_id: str
    ) -> TransactionType | None:
        """The transaction, or null."""
        view = await transactions.transaction(str(station_id), transaction_id)
        return TransactionType.of(view) if view is not None else None

    @feed(
        SAMPLES_CURSOR_KIND,
        "A station's sampled values (MeterValues and TransactionEvents), newest "
        "first; filter by EVSE (0: main meter), measurand, `inTransaction` (false: only "
        "samples outside any transaction) and a time range (sampledAfter inclusive, "
        "sampledBefore exclusive); page with `first` and `after` (a sample's cursor).",
    )
    async def meter_samples(
        self,
        transactions: TransactionsQueries,
        page: IdPage,
        station_id: strawberry.ID,
        evse_id: int | None = None,
        measurand: str | None = None,
        in_transaction: bool | None = None,
        sampled_after: datetime | None = None,
        sampled_before: datetime | None = None,
    ) -> list[MeterSampleType]:
        """One page of samples."""
        where = SampleFilter(
            station_id=str(station_id),
            evse_id=evse_id,
            measurand=measurand,
            in_transaction=in_transaction,
            sampled_after=sampled_after,
            sampled_before=sampled_before,
        )
        views = await transactions.station_samples(where, page.limit, page.after_id)
        return [MeterSampleType.of(view) for view in views]
