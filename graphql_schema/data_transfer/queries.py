"""The dataTransfers query (P01/P02): arguments to the block's queries, stored transfers to
GraphQL types."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed
from graphql_schema.common.paging import IdPage
from graphql_schema.data_transfer.types import CURSOR_KIND, DataTransferType
from modules.data_transfer import DataTransferQueries, Direction


@strawberry.type
class DataTransferQuery:
    """Data-transfer reads (block P)."""

    @feed(
        CURSOR_KIND,
        "A station's DataTransfers in both directions (or `direction`), each with its answer, "
        "newest first; filter by `vendorId`; page with `first` and `after` (a row's cursor).",
    )
    async def data_transfers(
        self,
        transfers: DataTransferQueries,
        page: IdPage,
        station_id: strawberry.ID,
        direction: Direction | None = None,
        vendor_id: str | None = None,
    ) -> list[DataTransferType]:
        """The station's stored transfers, newest first."""
        views = await transfers.transfers(
            str(station_id), direction, vendor_id, page.limit, page.after_id
        )
        return [DataTransferType.of(view) for view in views]
