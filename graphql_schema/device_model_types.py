"""GraphQL object types of the device model."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any, cast

import orjson
import strawberry
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.device_model_enums import (
    AttributeTypeEnum,
    DataTypeEnum,
    GetVariableStatusEnum,
    MutabilityEnum,
    ReportStatusEnum,
    SetVariableStatusEnum,
)
from infra.db.models import DeviceModelReport


def encode_cursor(key: str, attribute_type: str) -> str:
    """An opaque cursor for the row (variable key, attribute type)."""
    return base64.urlsafe_b64encode(orjson.dumps([key, attribute_type])).decode()


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The (variable key, attribute type) of a cursor; ValueError when it is not one."""
    try:
        key, attribute_type = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as error:
        raise ValueError("after: not a cursor returned by `variables`") from error
    if not isinstance(key, str) or not isinstance(attribute_type, str):
        raise ValueError("after: not a cursor returned by `variables`")
    return key, attribute_type


def _enum_or_none(enum: Any, value: str | None) -> Any:
    return enum(value) if value is not None else None


@strawberry.type(description="One attribute of one variable of a station's device model.")
class DeviceModelVariable:
    """A reported component-variable attribute with the variable's characteristics."""

    cursor: str = strawberry.field(description="Pass as `after` to read the rows after this one.")
    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    attribute_type: AttributeTypeEnum
    value: str | None = strawberry.field(description="Null for a WriteOnly attribute.")
    mutability: MutabilityEnum | None = strawberry.field(
        description="As reported; null when not reported (OCPP default: ReadWrite)."
    )
    persistent: bool | None
    constant: bool | None
    data_type: DataTypeEnum | None
    unit: str | None
    min_limit: float | None
    max_limit: float | None
    values_list: str | None
    supports_monitoring: bool | None
    updated_at: datetime

    @classmethod
    def from_values(cls, row: dict[str, Any]) -> DeviceModelVariable:
        """Build from a `.values()` row of the device-model query."""
        return cls(
            cursor=encode_cursor(row["variable__key"], row["type"]),
            component=row["variable__component_name"],
            component_instance=row["variable__component_instance"],
            evse_id=row["variable__evse_id"],
            connector_id=row["variable__connector_id"],
            variable=row["variable__variable_name"],
            variable_instance=row["variable__variable_instance"],
            attribute_type=AttributeTypeEnum(row["type"]),
            value=row["value"],
            mutability=_enum_or_none(MutabilityEnum, row["mutability"]),
            persistent=row["persistent"],
            constant=row["constant"],
            data_type=_enum_or_none(DataTypeEnum, row["variable__data_type"]),
            unit=row["variable__unit"],
            min_limit=row["variable__min_limit"],
            max_limit=row["variable__max_limit"],
            values_list=row["variable__values_list"],
            supports_monitoring=row["variable__supports_monitoring"],
            updated_at=row["updated_at"],
        )


@strawberry.type(
    name="DeviceModelReport",
    description="A device-model report: the request, the answer, the parts.",
)
class DeviceModelReportType:
    """One report of a station, by request id."""

    request_id: int
    kind: str | None = strawberry.field(
        description="GetBaseReport or GetReport; null for a report this CSMS did not request."
    )
    report_base: str | None
    request: JSON | None = strawberry.field(description="GetReport's criteria, as sent.")
    requested_at: datetime | None
    outcome: CallOutcomeEnum | None
    status: ReportStatusEnum | None
    status_reason: str | None
    error_code: str | None
    parts: int = strawberry.field(description="NotifyReport parts received (distinct seqNo).")
    variables: int = strawberry.field(description="reportData entries received.")
    final_seq_no: int | None = strawberry.field(description="seqNo of the part with tbc=false.")
    last_part_at: datetime | None
    completed: bool
    completed_at: datetime | None

    @classmethod
    def from_model(cls, row: DeviceModelReport) -> DeviceModelReportType:
        """Build from the ORM row."""
        return cls(
            request_id=row.request_id,
            kind=row.kind,
            report_base=row.report_base,
            request=cast(JSON, row.request),
            requested_at=row.requested_at,
            outcome=_enum_or_none(CallOutcomeEnum, row.outcome),
            status=_enum_or_none(ReportStatusEnum, row.status),
            status_reason=row.status_reason,
            error_code=row.error_code,
            parts=row.parts,
            variables=row.variables,
            final_seq_no=row.final_seq_no,
            last_part_at=row.last_part_at,
            completed=row.completed_at is not None,
            completed_at=row.completed_at,
        )


@strawberry.type(description="What a getBaseReport/getReport call did.")
class ReportRequestResult:
    """The allocated requestId, the call's outcome and the station's status."""

    outcome: CallOutcomeEnum
    request_id: int | None = strawberry.field(description="Null when the station is unknown.")
    status: ReportStatusEnum | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None
    report: DeviceModelReportType | None


@strawberry.type(description="The station's answer for one GetVariables item.")
class VariableGetResult:
    """Status and, when Accepted, the value."""

    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    attribute_type: AttributeTypeEnum
    attribute_status: GetVariableStatusEnum
    attribute_value: str | None
    reason_code: str | None
    additional_info: str | None


@strawberry.type(description="What a getVariables call did.")
class GetVariablesResult:
    """The outcome and, on RESULT, one result per item."""

    outcome: CallOutcomeEnum
    results: list[VariableGetResult]
    error_code: str | None
    error_description: str | None


@strawberry.type(description="The station's answer for one SetVariables item.")
class VariableSetResult:
    """Status of one write."""

    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    attribute_type: AttributeTypeEnum
    attribute_status: SetVariableStatusEnum
    reason_code: str | None
    additional_info: str | None


@strawberry.type(description="What a setVariables call did.")
class SetVariablesResult:
    """The outcome and, on RESULT, one result per item."""

    outcome: CallOutcomeEnum
    results: list[VariableSetResult]
    reboot_required: bool = strawberry.field(
        description="The station answered RebootRequired for at least one item."
    )
    error_code: str | None
    error_description: str | None


@strawberry.type(name="StationDeviceState", description="Device-model state of a station.")
class StationDeviceStateType:
    """Whether the station still needs a reboot for a setting to take effect."""

    station_id: strawberry.ID
    reboot_required: bool = strawberry.field(
        description="A SetVariables answer said RebootRequired and the station has not booted "
        "since."
    )
    reboot_required_since: datetime | None
