"""GraphQL types of the device-model block (B): enums spelled as OCPP spells them, the
device model's rows and reports, the inputs of its commands (mapped to the block's command
arguments) and their results. The ocpp enums are wrapped first: the types below use them."""

from __future__ import annotations

import base64
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import orjson
import strawberry
from ocpp.v201 import datatypes, enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum, reason_fields
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.errors import invalid
from graphql_schema.common.records import FromRecord, from_record
from modules.device_model import (
    AttributeRecord,
    ReportSelector,
    ReportState,
    ReportView,
    VariableRead,
    VariableRef,
    VariableWrite,
)

T = TypeVar("T")

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


@strawberry.enum(name="ReportState", description="Where a device-model report stands.")
class ReportStateEnum(Enum):
    """PENDING: parts may still come; COMPLETED: every part arrived; FAILED: it will not
    complete (no answer, refused, or no part within CSMS_REPORT_TIMEOUT_SECONDS)."""

    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


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


@strawberry.type
class ComponentVariableFields:
    """The component-variable a row or an answer is about: the fields every such GraphQL
    type begins with (no GraphQL type of its own)."""

    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None


@strawberry.type(description="One attribute of one variable of a station's device model.")
class DeviceModelVariable(ComponentVariableFields):
    """A reported component-variable attribute with the variable's characteristics."""

    cursor: str = strawberry.field(description="Pass as `after` to read the rows after this one.")
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
        cursor = encode_cursor(row.key, row.type)
        return from_record(
            cls, row, cursor=cursor, attribute_type=enums.AttributeEnumType(row.type)
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
    state: ReportStateEnum = strawberry.field(
        description="COMPLETED, PENDING (parts may still come) or FAILED (it will not "
        "complete: see failureReason)."
    )
    failed: bool = strawberry.field(description="state is FAILED.")
    failure_reason: str | None = strawberry.field(
        description="Why it failed: the request got no answer, the station refused it, or no "
        "NotifyReport part came within CSMS_REPORT_TIMEOUT_SECONDS."
    )

    @classmethod
    def of(cls, row: ReportView) -> DeviceModelReportType:
        """Build from the block's report view."""
        return from_record(
            cls,
            row,
            completed=row.completed_at is not None,
            state=ReportStateEnum(row.state.value),
            failed=row.state is ReportState.FAILED,
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


def _item_result(
    type_: type[T],
    result: datatypes.GetVariableResultType | datatypes.SetVariableResultType,
    **fields: Any,
) -> T:
    """`type_` for one decoded get/setVariableResult: the component-variable and attribute it
    names, the station's status and why it answered so, and `fields`."""
    return from_record(
        type_,
        VariableRef.of(result.component, result.variable),
        attribute_type=result.attribute_type or enums.AttributeEnumType.actual,
        attribute_status=result.attribute_status,
        **reason_fields(result.attribute_status_info),
        **fields,
    )


@strawberry.type(description="The station's answer for one GetVariables item.")
class VariableGetResult(ComponentVariableFields):
    """Status and, when Accepted, the value."""

    attribute_type: enums.AttributeEnumType
    attribute_status: enums.GetVariableStatusEnumType
    attribute_value: str | None
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.GetVariableResultType) -> VariableGetResult:
        """Build from one decoded getVariableResult."""
        return _item_result(cls, result, attribute_value=result.attribute_value)


@strawberry.type(description="What a getVariables call did.")
class GetVariablesResult:
    """The outcome and one result per item answered."""

    outcome: CallOutcomeEnum = strawberry.field(
        description="RESULT when every request was answered, else how the first that was not "
        "ended (the rest were not sent)."
    )
    results: list[VariableGetResult] = strawberry.field(
        description="The answers in request order (those of the requests answered)."
    )
    messages: int = strawberry.field(
        description="GetVariables requests sent (the station's ItemsPerMessage and "
        "BytesPerMessage split a larger one)."
    )
    error_code: str | None
    error_description: str | None


@strawberry.type(description="The station's answer for one SetVariables item.")
class VariableSetResult(ComponentVariableFields):
    """Status of one write."""

    attribute_type: enums.AttributeEnumType
    attribute_status: enums.SetVariableStatusEnumType
    reason_code: str | None
    additional_info: str | None

    @classmethod
    def of(cls, result: datatypes.SetVariableResultType) -> VariableSetResult:
        """Build from one decoded setVariableResult."""
        return _item_result(cls, result)


@strawberry.type(description="What a setVariables call did.")
class SetVariablesResult:
    """The outcome and one result per item answered."""

    outcome: CallOutcomeEnum = strawberry.field(
        description="RESULT when every request was answered, else how the first that was not "
        "ended (the rest were not sent)."
    )
    results: list[VariableSetResult] = strawberry.field(
        description="The answers in request order (those of the requests answered)."
    )
    messages: int = strawberry.field(
        description="SetVariables requests sent (the station's ItemsPerMessage and "
        "BytesPerMessage split a larger one)."
    )
    reboot_required: bool = strawberry.field(
        description="The station answered RebootRequired for at least one item."
    )
    error_code: str | None
    error_description: str | None


@strawberry.type(name="StationDeviceState", description="Device-model state of a station.")
class StationDeviceStateType(FromRecord):
    """Whether the station still needs a reboot for a setting to take effect."""

    station_id: strawberry.ID
    reboot_required: bool = strawberry.field(
        description="A SetVariables answer said RebootRequired and the station has not booted "
        "since."
    )
    reboot_required_since: datetime | None


@strawberry.input
class ComponentInput:
    """A component, and optionally one of its variables, an input names: the fields every
    such input begins with (no GraphQL input of its own)."""

    component: str
    variable: str | None = None
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None


@strawberry.input
class VariableRefInput(ComponentInput):
    """A component-variable an input names (the variable is required)."""

    variable: str

    def ref(self) -> VariableRef:
        """The block's component-variable identity."""
        return from_record(VariableRef, self)


@strawberry.input(description="A component-variable and the attribute to read.")
class GetVariableInput(VariableRefInput):
    """One GetVariables item."""

    attribute_type: enums.AttributeEnumType | None = None

    def to_read(self) -> VariableRead:
        """The block's GetVariables item."""
        return VariableRead(self.ref(), self.attribute_type)


@strawberry.input(description="A component-variable, the attribute to write and its value.")
class SetVariableInput(VariableRefInput):
    """One SetVariables item."""

    value: str
    attribute_type: enums.AttributeEnumType | None = None

    def to_write(self) -> VariableWrite:
        """The block's SetVariables item."""
        return VariableWrite(self.ref(), self.value, self.attribute_type)


@strawberry.input(description="A component, optionally one of its variables, for GetReport.")
class ReportComponentVariableInput(ComponentInput):
    """One GetReport componentVariable."""

    def to_selector(self) -> ReportSelector:
        """The block's GetReport selector."""
        return from_record(ReportSelector, self)
