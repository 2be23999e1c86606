"""The ocppMessages query: a station's last frames from the message log."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.messages.types import OcppMessageType
from modules.message_log import MessageLogQueries


async def ocpp_messages(
    info: Info[Context, Any], station_id: strawberry.ID, last: int = 50
) -> list[OcppMessageType]:
    """Frames from the message log."""
    frames = await info.context.services.block(MessageLogQueries).last_frames(
        str(station_id), check_page(last, "last")
    )
    return [OcppMessageType.of(frame) for frame in frames]


@strawberry.type
class MessagesQuery:
    """Reads of the message log."""

    ocpp_messages: list[OcppMessageType] = strawberry.field(
        resolver=ocpp_messages,
        description="The last `last` frames exchanged with a station, oldest first.",
    )
