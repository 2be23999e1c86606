"""The customer-information queries: one request with its assembled data, a station's
requests, and the audit of removals."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage
from graphql_schema.customer_information.types import (
    REMOVALS_CURSOR,
    REQUESTS_CURSOR,
    CustomerDataRemoval,
    CustomerInformationRequest,
)
from modules.customer_information import CustomerInformationQueries


@strawberry.type
class CustomerInformationQuery:
    """Customer-information reads (block N: N09, N10)."""

    @query(
        "One customer-information request by requestId: its state, the station's answer, "
        "the parts received and their data joined in seqNo order; null when there is none."
    )
    async def customer_information_request(
        self, requests: CustomerInformationQueries, station_id: strawberry.ID, request_id: int
    ) -> CustomerInformationRequest | None:
        """The request, or null."""
        record = await requests.request(str(station_id), request_id)
        return CustomerInformationRequest.of(record) if record else None

    @feed(
        REQUESTS_CURSOR,
        "A station's customer-information requests, newest first, each with its parts; page "
        "with `first` and `after` (a row's cursor).",
    )
    async def customer_information_requests(
        self, requests: CustomerInformationQueries, page: IdPage, station_id: strawberry.ID
    ) -> list[CustomerInformationRequest]:
        """The station's requests, newest first."""
        records = await requests.requests(str(station_id), page.limit, page.after_id)
        return [CustomerInformationRequest.of(record) for record in records]

    @feed(
        REMOVALS_CURSOR,
        "Audit of what the CSMS removed about customers (customerInformation with "
        "clearCsmsData), newest first, of one station or all; page with `first` and `after`.",
    )
    async def customer_data_removals(
        self,
        requests: CustomerInformationQueries,
        page: IdPage,
        station_id: strawberry.ID | None = None,
    ) -> list[CustomerDataRemoval]:
        """The removals, newest first."""
        station = None if station_id is None else str(station_id)
        views = await requests.removals(station, page.limit, page.after_id)
        return [CustomerDataRemoval.of(view) for view in views]
