"""Query resolvers."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.types import OcppMessageType
from infra.db.models import OcppMessage


@strawberry.type
class Query:
    """Read access to stations and the message log."""

    @strawberry.field(
        description="The last `last` frames exchanged with a station, oldest first.",
    )
    async def ocpp_messages(
        self, info: Info[Context, Any], station_id: strawberry.ID, last: int = 50
    ) -> list[OcppMessageType]:
        """Frames from the message log."""
        rows = (
            await OcppMessage.filter(station_id=str(station_id))
            .order_by("-id")
            .limit(check_page(last, "last"))
        )
        return [OcppMessageType.from_model(row) for row in reversed(rows)]
