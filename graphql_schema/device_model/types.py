"""GraphQL types of the device-model block (B): enums spelled as OCPP spells them, the
device model's rows and reports, the inputs of its commands (mapped to the block's command
arguments) and their results. The ocpp enums are wrapped first: the types below use them."""

from __future__ import annotations

import base64
from datetime import datetime
from enum import Enum
from typing import cast

import orjson
import strawberry
from ocpp.v201 import datatypes, enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.errors import invalid
from modules.device_model import (
    AttributeRecord,
    RebootState,
    ReportRecord,
    ReportSelector,
    VariableRead,
    VariableRef,
    VariableWrite,
)

AttributeTypeEnum = ocpp_enum(
    enums.AttributeEnumType,
    "AttributeTypeEnum",
    "A variable attribute's type (OCPP AttributeEnumType): Actual, Target, MinSet or MaxSet.",
)
MutabilityEnum = ocpp_enum(
    enums.MutabilityEnumType,
    "MutabilityEnum",
    "Whether an attribute can be read and written (MutabilityEnumType): ReadOnly, WriteOnly "
    "or ReadWrite.",
)
ReportBaseEnum = ocpp_enum(
    enums.ReportBaseEnumType,
    "ReportBaseEnum",
    "Which base report to ask for (OCPP ReportBaseEnumType).",
)
ComponentCriterionEnum = ocpp_enum(
    enums.ComponentCriterionEnumType,
    "ComponentCriterionEnum",
    "Component criteria of a custom report (ComponentCriterionEnumType).",
)
ReportStatusEnum = ocpp_enum(
    enums.GenericDeviceModelStatusEnumType,
    "ReportStatusEnum",
    "A station's answer to GetBaseReport/GetReport (OCPP GenericDeviceModelStatusEnumType).",
)
GetVariableStatusEnum = ocpp_enum(
    enums.GetVariableStatusEnumType,
    "GetVariableStatusEnum",
    "The station's answer for one GetVariables item (OCPP GetVariableStatusEnumType).",
)
SetVariableStatusEnum = ocpp_enum(
    enums.SetVariableStatusEnumType,
    "SetVariableStatusEnum",
    "The station's answer for one SetVariables item (OCPP SetVariableStatusEnumType).",
)


@strawberry.enum(description="A variable's data type (OCPP DataEnumType).")
class DataTypeEnum(Enum):
    """The OCPP data types this API reports (OCPP's passwordString is not among them)."""

    string = "string"
    decimal = "decimal"
    integer = "integer"
    dateTime = "dateTime"
    boolean = "boolean"
    OptionList = "OptionList"
    SequenceList = "SequenceList"
    MemberList = "MemberList"


VARIABLES_CURSOR_PROBLEM = "not a cursor returned by `variables`"


def encode_cursor(key: str, attribute_type: str) -> str:
    """An opaque cursor for the row (variable key, attribute type)."""
    return base64.urlsafe_b64encode(orjson.dumps([key, attribute_type])).decode()


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The (variable key, attribute type) of a cursor; an input error when it is not one."""
    try:
        key, attribute_type = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise invalid("after", VARIABLES_CURSOR_PROBLEM) from None
    if not isinstance(key, str) or not isinstance(attribute_type, str):
        raise invalid("after", VARIABLES_CURSOR_PROBLEM)
    return key, attribute_type


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
    attribute_type: enums.AttributeEnumType
    value: str | None = strawberry.field(description="Null for a WriteOnly attribute.")
    mutability: enums.MutabilityEnumType | None = strawberry.field(
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
    def of(cls, row: AttributeRecord) -> DeviceModelVariable:
        """Build from the block's attribute record."""
        return cls(
            cursor=encode_cursor(row.key, row.type),
            component=row.component,
            component_instance=row.component_instance,
            evse_id=row.evse_id,
            connector_id=row.connector_id,
            variable=row.variable,
            variable_instance=row.variable_instance,
            attribute_type=enums.AttributeEnumType(row.type),
            value=row.value,
            mutability=(
                enums.MutabilityEnumType(row.mutability) if row.mutability is not None else None
            ),
            persistent=row.persistent,
            constant=row.constant,
            data_type=DataTypeEnum(row.data_type) if row.data_type is not None else None,
            unit=row.unit,
            min_limit=row.min_limit,
            max_limit=row.max_limit,
            values_list=row.values_list,
            supports_monitoring=row.supports_monitoring,
            updated_at=row.updated_at,
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
    status: enums.GenericDeviceModelStatusEnumType | None
    status_reason: str | None
    error_code: str | None
    parts: int = strawberry.field(description="NotifyReport parts received (distinct seqNo).")
    variables: int = strawberry.field(description="reportData entries received.")
    final_seq_no: int | None = strawberry.field(description="seqNo of the part with tbc=false.")
    last_part_at: datetime | None
    completed: bool
    completed_at: datetime | None

    @classmethod
    def of(cls, row: ReportRecord) -> DeviceModelReportType:
        """Build from the block's report record."""
        return cls(
            request_id=row.request_id,
            kind=row.kind,
            report_base=row.report_base,
            request=cast(JSON, row.request),
            requested_at=row.requested_at,
            outcome=CallOutcomeEnum(row.outcome) if row.outcome is not None else None,
            status=enums.GenericDeviceModelStatusEnumType(row.status)
            if row.status is not None
            else None,
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
    status: enums.GenericDeviceModelStatusEnumType | None
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
    attribute_type: enums.AttributeEnumType
    attribute_status: enums.GetVariableStatusEnumType
    attribute_value: str | None
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.GetVariableResultType) -> VariableGetResult:
        """Build from one decoded getVariableResult."""
        component, variable, evse = result.component, result.variable, result.component.evse
        info = result.attribute_status_info
        return cls(
            component=component.name,
            component_instance=component.instance,
            evse_id=evse.id if evse else None,
            connector_id=evse.connector_id if evse else None,
            variable=variable.name,
            variable_instance=variable.instance,
            attribute_type=result.attribute_type or enums.AttributeEnumType.actual,
            attribute_status=result.attribute_status,
            attribute_value=result.attribute_value,
            reason_code=info.reason_code if info else None,
            additional_info=info.additional_info if info else None,
        )


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
    attribute_type: enums.AttributeEnumType
    attribute_status: enums.SetVariableStatusEnumType
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.SetVariableResultType) -> VariableSetResult:
        """Build from one decoded setVariableResult."""
        component, variable, evse = result.component, result.variable, result.component.evse
        info = result.attribute_status_info
        return cls(
            component=component.name,
            component_instance=component.instance,
            evse_id=evse.id if evse else None,
            connector_id=evse.connector_id if evse else None,
            variable=variable.name,
            variable_instance=variable.instance,
            attribute_type=result.attribute_type or enums.AttributeEnumType.actual,
            attribute_status=result.attribute_status,
            reason_code=info.reason_code if info else None,
            additional_info=info.additional_info if info else None,
        )


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

    @classmethod
    def of(cls, state: RebootState) -> StationDeviceStateType:
        """Build from the block's reboot state."""
        return cls(
            station_id=strawberry.ID(state.station_id),
            reboot_required=state.reboot_required,
            reboot_required_since=state.reboot_required_since,
        )


@strawberry.input(description="A component-variable and the attribute to read.")
class GetVariableInput:
    """One GetVariables item."""

    component: str
    variable: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None
    attribute_type: enums.AttributeEnumType | None = None

    def to_read(self) -> VariableRead:
        """The block's GetVariables item."""
        ref = VariableRef(
            self.component,
            self.variable,
            self.component_instance,
            self.evse_id,
            self.connector_id,
            self.variable_instance,
        )
        return VariableRead(ref, self.attribute_type)


@strawberry.input(description="A component-variable, the attribute to write and its value.")
class SetVariableInput:
    """One SetVariables item."""

    component: str
    variable: str
    value: str
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None
    attribute_type: enums.AttributeEnumType | None = None

    def to_write(self) -> VariableWrite:
        """The block's SetVariables item."""
        ref = VariableRef(
            self.component,
            self.variable,
            self.component_instance,
            self.evse_id,
            self.connector_id,
            self.variable_instance,
        )
        return VariableWrite(ref, self.value, self.attribute_type)


@strawberry.input(description="A component, optionally one of its variables, for GetReport.")
class ReportComponentVariableInput:
    """One GetReport componentVariable."""

    component: str
    variable: str | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None

    def to_selector(self) -> ReportSelector:
        """The block's GetReport selector."""
        return ReportSelector(
            self.component,
            self.variable,
            self.component_instance,
            self.evse_id,
            self.connector_id,
            self.variable_instance,
        )
