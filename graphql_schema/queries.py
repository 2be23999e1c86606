"""Query resolvers."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema import device_model_queries
from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.device_model_types import (
    DeviceModelReportType,
    DeviceModelVariable,
    StationDeviceStateType,
)
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

    variables: list[DeviceModelVariable] = strawberry.field(
        resolver=device_model_queries.variables,
        description=(
            "A station's reported device model, one row per variable attribute, ordered by "
            "component and variable; page with `first` and `after` (a row's cursor)."
        ),
    )
    device_model_reports: list[DeviceModelReportType] = strawberry.field(
        resolver=device_model_queries.device_model_reports,
        description="A station's device-model reports (GetBaseReport/GetReport), newest first.",
    )
    station_device_state: StationDeviceStateType | None = strawberry.field(
        resolver=device_model_queries.station_device_state,
        description="Device-model state of a station (reboot required); null when unknown.",
    )
