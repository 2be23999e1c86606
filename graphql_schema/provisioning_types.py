"""Provisioning (block B) GraphQL types: boot policy and configuration, boot history, reset and
network profiles."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, cast

import strawberry
from ocpp.v201 import enums
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.device_model.types import AttributeTypeEnum, ReportBaseEnum
from infra.db.models import BootConfiguration, BootRecord, NetworkProfile, StationBootPolicy


class ProvisioningInputError(ValueError):
    """A provisioning argument that cannot be used; the message says what is wrong."""


@strawberry.enum(name="RegistrationStatus", description="What a booting station is told.")
class RegistrationStatusEnum(Enum):
    """Accepted, Pending or Rejected (RegistrationStatusEnumType)."""

    Accepted = "Accepted"
    Pending = "Pending"
    Rejected = "Rejected"


@strawberry.enum(name="ResetType", description="When the station resets (B11, B12).")
class ResetTypeEnum(Enum):
    """Immediate or OnIdle."""

    Immediate = "Immediate"
    OnIdle = "OnIdle"


@strawberry.enum(name="ResetStatus", description="The station's answer to Reset.")
class ResetStatusEnum(Enum):
    """Accepted, Rejected or Scheduled."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    Scheduled = "Scheduled"


@strawberry.enum(name="SetNetworkProfileStatus", description="The answer to SetNetworkProfile.")
class SetNetworkProfileStatusEnum(Enum):
    """Accepted, Rejected or Failed."""

    Accepted = "Accepted"
    Rejected = "Rejected"
    Failed = "Failed"


@strawberry.enum(name="OcppVersion", description="OCPP version of a network profile.")
class OcppVersionEnum(Enum):
    """OCPPVersionEnumType."""

    OCPP12 = "OCPP12"
    OCPP15 = "OCPP15"
    OCPP16 = "OCPP16"
    OCPP20 = "OCPP20"


@strawberry.enum(name="OcppTransport", description="Transport of a network profile.")
class OcppTransportEnum(Enum):
    """OCPPTransportEnumType."""

    JSON = "JSON"
    SOAP = "SOAP"


@strawberry.enum(name="OcppInterface", description="Network interface of a network profile.")
class OcppInterfaceEnum(Enum):
    """OCPPInterfaceEnumType."""

    Wired0 = "Wired0"
    Wired1 = "Wired1"
    Wired2 = "Wired2"
    Wired3 = "Wired3"
    Wireless0 = "Wireless0"
    Wireless1 = "Wireless1"
    Wireless2 = "Wireless2"
    Wireless3 = "Wireless3"


@strawberry.type(name="BootPolicy", description="A station's own boot policy (B01-B03).")
class BootPolicyType:
    """Its status (null: the fleet default) and retry interval override."""

    station_id: strawberry.ID
    status: RegistrationStatusEnum | None = strawberry.field(
        description="What the station is told when it boots; "
        "null: CSMS_DEFAULT_REGISTRATION_STATUS."
    )
    interval_seconds: int | None = strawberry.field(
        description="Retry interval of Pending and Rejected answers; null: the fleet's."
    )
    updated_at: datetime

    @classmethod
    def from_model(cls, row: StationBootPolicy) -> BootPolicyType:
        """Build from the ORM row."""
        return cls(
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            status=RegistrationStatusEnum(row.status) if row.status else None,
            interval_seconds=row.interval,
            updated_at=row.updated_at,
        )


@strawberry.type(name="BootVariable", description="A variable set before acceptance.")
class BootVariableType:
    """One component-variable attribute and its value."""

    component: str
    component_instance: str | None
    evse_id: int | None
    connector_id: int | None
    variable: str
    variable_instance: str | None
    attribute_type: enums.AttributeEnumType
    value: str

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> BootVariableType:
        """Build from a stored item."""
        return cls(
            component=item["component"],
            component_instance=item.get("componentInstance"),
            evse_id=item.get("evseId"),
            connector_id=item.get("connectorId"),
            variable=item["variable"],
            variable_instance=item.get("variableInstance"),
            attribute_type=AttributeTypeEnum(item.get("attributeType") or "Actual"),
            value=str(item["value"]),
        )


@strawberry.input(name="BootVariableInput", description="A variable to set before acceptance.")
class BootVariableInput:
    """Component, variable, attribute type and value."""

    component: str
    variable: str
    value: str
    attribute_type: enums.AttributeEnumType = AttributeTypeEnum.actual
    component_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None
    variable_instance: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored form."""
        return {
            "component": self.component,
            "componentInstance": self.component_instance,
            "evseId": self.evse_id,
            "connectorId": self.connector_id,
            "variable": self.variable,
            "variableInstance": self.variable_instance,
            "attributeType": self.attribute_type.value,
            "value": self.value,
        }


@strawberry.type(
    name="BootConfiguration",
    description="What the CSMS sets and fetches while the station is Pending, before accepting it.",
)
class BootConfigurationType:
    """Variables to set, whether to fetch a base report, and where it stands."""

    station_id: strawberry.ID
    variables: list[BootVariableType]
    fetch_report: bool
    report_base: enums.ReportBaseEnumType
    applied_at: datetime | None = strawberry.field(
        description="When it was applied; null: the station's next boot is answered Pending."
    )
    last_attempt_at: datetime | None
    last_error: str | None

    @classmethod
    def from_model(cls, row: BootConfiguration) -> BootConfigurationType:
        """Build from the ORM row."""
        return cls(
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            variables=[BootVariableType.from_json(item) for item in row.variables or []],
            fetch_report=row.fetch_report,
            report_base=ReportBaseEnum(row.report_base),
            applied_at=row.applied_at,
            last_attempt_at=row.last_attempt_at,
            last_error=row.last_error,
        )


@strawberry.type(name="BootRecord", description="One BootNotification and how it was answered.")
class BootRecordType:
    """What the station said at boot and the status it got."""

    station_id: strawberry.ID
    booted_at: datetime
    reason: str
    vendor_name: str
    model: str
    firmware_version: str | None
    status: RegistrationStatusEnum
    interval: int

    @classmethod
    def from_model(cls, row: BootRecord) -> BootRecordType:
        """Build from the ORM row."""
        return cls(
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            booted_at=row.booted_at,
            reason=row.reason,
            vendor_name=row.vendor_name,
            model=row.model,
            firmware_version=row.firmware_version,
            status=RegistrationStatusEnum(row.status),
            interval=row.interval,
        )


@strawberry.type(name="NetworkProfile", description="A network profile a station accepted (B09).")
class NetworkProfileType:
    """The configuration slot and its connection data (camelCase JSON, as sent)."""

    station_id: strawberry.ID
    configuration_slot: int
    connection_data: JSON
    status: SetNetworkProfileStatusEnum
    updated_at: datetime

    @classmethod
    def from_model(cls, row: NetworkProfile) -> NetworkProfileType:
        """Build from the ORM row."""
        return cls(
            station_id=strawberry.ID(row.station_id),  # type: ignore[attr-defined]
            configuration_slot=row.configuration_slot,
            connection_data=cast(JSON, row.connection_data),
            status=SetNetworkProfileStatusEnum(row.status),
            updated_at=row.updated_at,
        )


@strawberry.input(
    name="NetworkConnectionProfileInput", description="NetworkConnectionProfileType of B09."
)
class NetworkConnectionProfileInput:
    """The connection data of SetNetworkProfile; vpn and apn as their camelCase JSON."""

    ocpp_version: OcppVersionEnum
    ocpp_transport: OcppTransportEnum
    ocpp_csms_url: str
    message_timeout: int
    security_profile: int
    ocpp_interface: OcppInterfaceEnum
    vpn: JSON | None = None
    apn: JSON | None = None

    def to_json(self) -> dict[str, Any]:
        """The camelCase payload."""
        data: dict[str, Any] = {
            "ocppVersion": self.ocpp_version.value,
            "ocppTransport": self.ocpp_transport.value,
            "ocppCsmsUrl": self.ocpp_csms_url,
            "messageTimeout": self.message_timeout,
            "securityProfile": self.security_profile,
            "ocppInterface": self.ocpp_interface.value,
        }
        if self.vpn is not None:
            data["vpn"] = self.vpn
        if self.apn is not None:
            data["apn"] = self.apn
        return data


@strawberry.type(name="ResetResult", description="How a Reset ended.")
class ResetResult:
    """The call's outcome and, when the station answered, its status."""

    outcome: CallOutcomeEnum
    status: ResetStatusEnum | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None


@strawberry.type(name="SetNetworkProfileResult", description="How a SetNetworkProfile ended.")
class SetNetworkProfileResult:
    """The call's outcome, the station's status and, when Accepted, the stored profile."""

    outcome: CallOutcomeEnum
    status: SetNetworkProfileStatusEnum | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None
    profile: NetworkProfileType | None
