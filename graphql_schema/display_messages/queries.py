"""Display-message reads (block O): a station's messages as the CSMS knows them and as the
station reported them, its GetDisplayMessages requests, fleet-wide messages and their
stations."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import feed, query
from graphql_schema.common.paging import IdPage, check_first
from graphql_schema.display_messages.types import (
    BROADCASTS_CURSOR,
    TARGETS_CURSOR,
    DisplayMessageBroadcastType,
    DisplayMessageRequestType,
    DisplayMessageTargetType,
    DisplayMessageType,
    ReportedDisplayMessageType,
)
from modules.display_messages import DisplayMessageQueries, Presence, TargetOutcome


@strawberry.type
class DisplayMessagesQuery:
    """Block O: display messages."""

    @query(
        "A station's display message ids as the CSMS knows them, in id order (after "
        "`afterMessageId` when given; of the `presence`s given), each with what the station "
        "last reported for it."
    )
    async def display_messages(
        self,
        messages: DisplayMessageQueries,
        station_id: strawberry.ID,
        presence: list[Presence] | None = None,
        first: int = 100,
        after_message_id: int | None = None,
    ) -> list[DisplayMessageType]:
        """One page of the station's messages joined to its reported catalogue."""
        wanted = [item.value for item in presence] if presence is not None else None
        views = await messages.messages(
            str(station_id), wanted, check_first(first), after_message_id
        )
        reported = {row.message_id: row for row in await messages.reported(str(station_id))}
        return [DisplayMessageType.of(view, reported.get(view.message_id)) for view in views]

    @query("One display message id of a station; null when the CSMS knows none.")
    async def display_message(
        self, messages: DisplayMessageQueries, station_id: strawberry.ID, message_id: int
    ) -> DisplayMessageType | None:
        """The message, or null."""
        view = await messages.message(str(station_id), message_id)
        if view is None:
            return None
        reported = {row.message_id: row for row in await messages.reported(str(station_id))}
        return DisplayMessageType.of(view, reported.get(message_id))

    @query(
        "A station's display messages as it last reported them (NotifyDisplayMessages), in "
        "id order. A complete report of every message (or of some ids) drops the ids it left "
        "out; a message cleared or whose transaction ended leaves it."
    )
    async def reported_display_messages(
        self, messages: DisplayMessageQueries, station_id: strawberry.ID
    ) -> list[ReportedDisplayMessageType]:
        """The station's catalogue."""
        return [
            ReportedDisplayMessageType.of(row) for row in await messages.reported(str(station_id))
        ]

    @query("A station's GetDisplayMessages requests, newest first.")
    async def display_message_requests(
        self, messages: DisplayMessageQueries, station_id: strawberry.ID, first: int = 20
    ) -> list[DisplayMessageRequestType]:
        """The station's latest requests."""
        views = await messages.requests(str(station_id), check_first(first))
        return [DisplayMessageRequestType.of(view) for view in views]

    @query("One GetDisplayMessages request by requestId; null when unknown.")
    async def display_message_request(
        self, messages: DisplayMessageQueries, station_id: strawberry.ID, request_id: int
    ) -> DisplayMessageRequestType | None:
        """The request, or null."""
        view = await messages.request(str(station_id), request_id)
        return DisplayMessageRequestType.of(view) if view else None

    @query("One fleet-wide message with its progress; null when unknown.")
    async def display_message_broadcast(
        self, messages: DisplayMessageQueries, id: int
    ) -> DisplayMessageBroadcastType | None:
        """The fleet-wide message, or null."""
        view = await messages.broadcast(id)
        return DisplayMessageBroadcastType.of(view) if view else None

    @feed(BROADCASTS_CURSOR, "Fleet-wide messages, newest first.")
    async def display_message_broadcasts(
        self, messages: DisplayMessageQueries, page: IdPage
    ) -> list[DisplayMessageBroadcastType]:
        """A page of fleet-wide messages."""
        views = await messages.broadcasts(page.limit, page.after_id)
        return [DisplayMessageBroadcastType.of(view) for view in views]

    @feed(
        TARGETS_CURSOR,
        "The stations of a fleet-wide message in the order they were named, each with its "
        "outcome (of one `outcome` when given).",
    )
    async def display_message_broadcast_targets(
        self,
        messages: DisplayMessageQueries,
        page: IdPage,
        broadcast_id: int,
        outcome: TargetOutcome | None = None,
    ) -> list[DisplayMessageTargetType]:
        """A page of the fleet-wide message's stations."""
        wanted = outcome.value if outcome is not None else None
        views = await messages.targets(broadcast_id, wanted, page.limit, page.after_id)
        return [DisplayMessageTargetType.of(view) for view in views]
