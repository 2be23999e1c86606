"""Device-model query resolvers (mounted on Query in queries.py)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q

from graphql_schema.common.paging import check_page
from graphql_schema.context import Context
from graphql_schema.device_model_types import (
    DeviceModelReportType,
    DeviceModelVariable,
    StationDeviceStateType,
    decode_cursor,
)
from infra.db.models import DeviceAttribute, DeviceModelReport, Station, StationDeviceState
from modules.device_model.policy import reboot_pending

MAX_VARIABLES_PAGE = 1000
MAX_REPORTS_PAGE = 500

_VARIABLE_VALUES = (
    "type",
    "value",
    "mutability",
    "persistent",
    "constant",
    "updated_at",
    "variable__key",
    "variable__component_name",
    "variable__component_instance",
    "variable__evse_id",
    "variable__connector_id",
    "variable__variable_name",
    "variable__variable_instance",
    "variable__data_type",
    "variable__unit",
    "variable__min_limit",
    "variable__max_limit",
    "variable__values_list",
    "variable__supports_monitoring",
)


async def variables(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    component: str | None = None,
    variable: str | None = None,
    first: int = 100,
    after: str | None = None,
) -> list[DeviceModelVariable]:
    """The station's device model, one row per variable attribute, ordered by component,
    variable and attribute type; `component` and `variable` match names ignoring case."""
    query = DeviceAttribute.filter(variable__station_id=str(station_id))
    if component is not None:
        query = query.filter(variable__component_name__iexact=component)
    if variable is not None:
        query = query.filter(variable__variable_name__iexact=variable)
    if after is not None:
        key, attribute_type = decode_cursor(after)
        # the `>=` alone lets PostgreSQL start the (station_id, key) index scan at the cursor
        query = query.filter(variable__key__gte=key).filter(
            Q(variable__key__gt=key) | Q(variable__key=key, type__gt=attribute_type)
        )
    rows = (
        await query.order_by("variable__key", "type")
        .limit(check_page(first, "first", MAX_VARIABLES_PAGE))
        .values(*_VARIABLE_VALUES)
    )
    return [DeviceModelVariable.from_values(row) for row in rows]


async def device_model_reports(
    info: Info[Context, Any], station_id: strawberry.ID, first: int = 50
) -> list[DeviceModelReportType]:
    """The station's reports, newest request id first."""
    rows = (
        await DeviceModelReport.filter(station_id=str(station_id))
        .order_by("-request_id")
        .limit(check_page(first, "first", MAX_REPORTS_PAGE))
    )
    return [DeviceModelReportType.from_model(row) for row in rows]


async def station_device_state(
    info: Info[Context, Any], station_id: strawberry.ID
) -> StationDeviceStateType | None:
    """Null for an unknown station."""
    station = await Station.get_or_none(id=str(station_id))
    if station is None:
        return None
    state = await StationDeviceState.get_or_none(station_id=station.id)
    required_at = state.reboot_required_at if state else None
    pending = reboot_pending(required_at, station.last_boot_at)
    return StationDeviceStateType(
        station_id=strawberry.ID(station.id),
        reboot_required=pending,
        reboot_required_since=required_at if pending else None,
    )
