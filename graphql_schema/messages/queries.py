"""The ocppMessages query: a station's last frames from the message log."""

from __future__ import annotations

import strawberry

from graphql_schema.common.fields import query
from graphql_schema.common.paging import check_page
from graphql_schema.messages.types import OcppMessageType
from modules.message_log import MessageLogQueries


@strawberry.type
class MessagesQuery:
    """Reads of the message log."""

    @query("The last `last` frames exchanged with a station, oldest first.")
    async def ocpp_messages(
        self, log: MessageLogQueries, station_id: strawberry.ID, last: int = 50
    ) -> list[OcppMessageType]:
        """Frames from the message log."""
        frames = await log.last_frames(str(station_id), check_page(last, "last"))
        return [OcppMessageType.of(frame) for frame in frames]
