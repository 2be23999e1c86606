"""GraphQL enums of the device model, spelled as OCPP 2.0.1 spells them."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="A variable attribute's type (OCPP AttributeEnumType).")
class AttributeTypeEnum(Enum):
    """Actual, Target, MinSet or MaxSet."""

    Actual = "Actual"
    Target = "Target"
    MinSet = "MinSet"
    MaxSet = "MaxSet"


@strawberry.enum(description="Whether an attribute can be read and written (MutabilityEnumType).")
class MutabilityEnum(Enum):
    """ReadOnly, WriteOnly or ReadWrite."""

    ReadOnly = "ReadOnly"
    WriteOnly = "WriteOnly"
    ReadWrite = "ReadWrite"


@strawberry.enum(description="A variable's data type (OCPP DataEnumType).")
class DataTypeEnum(Enum):
    """The OCPP data types."""

    string = "string"
    decimal = "decimal"
    integer = "integer"
    dateTime = "dateTime"
    boolean = "boolean"
    OptionList = "OptionList"
    SequenceList = "SequenceList"
    MemberList = "MemberList"


@strawberry.enum(description="Which base report to ask for (OCPP ReportBaseEnumType).")
class ReportBaseEnum(Enum):
    """ConfigurationInventory, FullInventory or SummaryInventory."""

    ConfigurationInventory = "ConfigurationInventory"
    FullInventory = "FullInventory"
    SummaryInventory = "SummaryInventory"


@strawberry.enum(description="Component criteria of a custom report (ComponentCriterionEnumType).")
class ComponentCriterionEnum(Enum):
    """Active, Available, Enabled or Problem."""

    Active = "Active"
    Available = "Available"
    Enabled = "Enabled"
    Problem = "Problem"


@strawberry.enum(description="A station's answer to GetBaseReport/GetReport.")
class ReportStatusEnum(Enum):
    """OCPP GenericDeviceModelStatusEnumType."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    NotSupported = "NotSupported"
    EmptyResultSet = "EmptyResultSet"


@strawberry.enum(description="The station's answer for one GetVariables item.")
class GetVariableStatusEnum(Enum):
    """OCPP GetVariableStatusEnumType."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    UnknownComponent = "UnknownComponent"
    UnknownVariable = "UnknownVariable"
    NotSupportedAttributeType = "NotSupportedAttributeType"


@strawberry.enum(description="The station's answer for one SetVariables item.")
class SetVariableStatusEnum(Enum):
    """OCPP SetVariableStatusEnumType."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    UnknownComponent = "UnknownComponent"
    UnknownVariable = "UnknownVariable"
    NotSupportedAttributeType = "NotSupportedAttributeType"
    RebootRequired = "RebootRequired"
