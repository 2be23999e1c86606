"""GraphQL types of the provisioning block: stations with their EVSEs and connectors, boot
policy, configuration and history, Reset and SetNetworkProfile results, network profiles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry
from ocpp.v201 import datatypes, enums
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.common.enums import ocpp_enum
from graphql_schema.common.records import FromRecord, fields_of, from_record
from graphql_schema.context import Context
from graphql_schema.device_model.types import (
    AttributeTypeEnum,
    ComponentVariableFields,
    VariableRefInput,
)
from graphql_schema.loaders import connectors_loader
from modules import provisioning
from modules.provisioning import (
    BootConfigurationRecord,
    BootPolicyRecord,
    BootVariable,
    ConnectorRecord,
)

RegistrationStatus = ocpp_enum(
    enums.RegistrationStatusEnumType,
    "RegistrationStatus",
    "What a booting station is told: Accepted, Pending or Rejected.",
)
ResetType = ocpp_enum(
    enums.ResetEnumType, "ResetType", "When the station resets (B11, B12): Immediate or OnIdle."
)
ResetStatus = ocpp_enum(
    enums.ResetStatusEnumType,
    "ResetStatus",
    "The station's answer to Reset: Accepted, Rejected or Scheduled.",
)
SetNetworkProfileStatus = ocpp_enum(
    enums.SetNetworkProfileStatusEnumType,
    "SetNetworkProfileStatus",
    "The answer to SetNetworkProfile: Accepted, Rejected or Failed.",
)
OcppVersion = ocpp_enum(
    enums.OCPPVersionEnumType, "OcppVersion", "OCPP version of a network profile."
)
OcppTransport = ocpp_enum(
    enums.OCPPTransportEnumType, "OcppTransport", "Transport of a network profile."
)
OcppInterface = ocpp_enum(
    enums.OCPPInterfaceEnumType, "OcppInterface", "Network interface of a network profile."
)


@strawberry.type(description="One connector of an EVSE and its last reported status.")
class Connector:
    """A connector's status."""

    id: int
    status: str
    reported_at: datetime | None


@strawberry.type(description="An EVSE of a station with its connectors.")
class Evse:
    """An EVSE."""

    id: int
    connectors: list[Connector]


def evses_of(records: Sequence[ConnectorRecord]) -> list[Evse]:
    """Group connector statuses into EVSEs, both ordered by id."""
    grouped: dict[int, list[Connector]] = {}
    for record in sorted(records, key=lambda r: (r.evse_id, r.connector_id)):
        grouped.setdefault(record.evse_id, []).append(
            Connector(id=record.connector_id, status=record.status, reported_at=record.reported_at)
        )
    return [Evse(id=evse_id, connectors=connectors) for evse_id, connectors in grouped.items()]


@strawberry.type(
    name="Station", description="A charging station as registered and as it last described itself."
)
class StationType(FromRecord):
    """A charging station."""

    id: strawberry.ID
    online: bool
    registration_status: str | None
    vendor_name: str | None
    model: str | None
    serial_number: str | None
    firmware_version: str | None
    modem_iccid: str | None
    modem_imsi: str | None
    security_profile: int
    last_seen_at: datetime | None
    last_boot_at: datetime | None
    last_boot_reason: str | None

    @strawberry.field(description="EVSEs and their connectors' statuses.")
    async def evses(self, info: Info[Context, Any]) -> list[Evse]:
        """EVSEs grouped from connector statuses, batched across stations."""
        return evses_of(await connectors_loader(info.context).load(str(self.id)))


@strawberry.input(description="Register a station or change its credentials.")
class UpsertStationInput:
    """Station id, optional basic-auth password and security profile."""

    id: strawberry.ID
    password: str | None = None
    security_profile: int | None = None


@strawberry.type(name="BootPolicy", description="A station's own boot policy (B01-B03).")
class BootPolicyType:
    """Its status (null: the fleet default) and retry interval override."""

    station_id: strawberry.ID
    status: enums.RegistrationStatusEnumType | None = strawberry.field(
        description="What the station is told when it boots; "
        "null: CSMS_DEFAULT_REGISTRATION_STATUS."
    )
    interval_seconds: int | None = strawberry.field(
        description="Retry interval of Pending and Rejected answers; null: the fleet's."
    )
    updated_at: datetime

    @classmethod
    def of(cls, policy: BootPolicyRecord) -> BootPolicyType:
        """Build from the block's record."""
        return from_record(cls, policy, interval_seconds=policy.interval)


@strawberry.type(name="BootVariable", description="A variable set before acceptance.")
class BootVariableType(ComponentVariableFields, FromRecord):
    """One component-variable attribute and its value."""

    attribute_type: enums.AttributeEnumType
    value: str


@strawberry.input(name="BootVariableInput", description="A variable to set before acceptance.")
class BootVariableInput(VariableRefInput):
    """Component, variable, attribute type and value."""

    value: str
    attribute_type: enums.AttributeEnumType = AttributeTypeEnum.actual

    def to_variable(self) -> BootVariable:
        """The block's record."""
        return from_record(BootVariable, self, attribute_type=self.attribute_type.value)


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
    def of(cls, configuration: BootConfigurationRecord) -> BootConfigurationType:
        """Build from the block's record."""
        variables = [BootVariableType.of(item) for item in configuration.variables]
        return from_record(cls, configuration, variables=variables)


@strawberry.type(name="BootRecord", description="One BootNotification and how it was answered.")
class BootRecordType(FromRecord):
    """What the station said at boot and the status it got."""

    station_id: strawberry.ID
    booted_at: datetime
    reason: str
    vendor_name: str
    model: str
    firmware_version: str | None
    status: enums.RegistrationStatusEnumType
    interval: int


@strawberry.type(name="NetworkProfile", description="A network profile a station accepted (B09).")
class NetworkProfileType(FromRecord):
    """The configuration slot and its connection data (camelCase JSON, as sent)."""

    station_id: strawberry.ID
    configuration_slot: int
    connection_data: JSON
    status: enums.SetNetworkProfileStatusEnumType
    updated_at: datetime


@strawberry.input(
    name="NetworkConnectionProfileInput", description="NetworkConnectionProfileType of B09."
)
class NetworkConnectionProfileInput:
    """The connection data of SetNetworkProfile; vpn and apn as their camelCase JSON."""

    ocpp_version: enums.OCPPVersionEnumType
    ocpp_transport: enums.OCPPTransportEnumType
    ocpp_csms_url: str
    message_timeout: int
    security_profile: int
    ocpp_interface: enums.OCPPInterfaceEnumType
    vpn: JSON | None = None
    apn: JSON | None = None

    def to_profile(self) -> datatypes.NetworkConnectionProfileType:
        """The typed connection data (InvalidCommand when vpn or apn is not one)."""
        return provisioning.network_profile(**fields_of(self))


@strawberry.type(name="ResetResult", description="How a Reset ended.")
class ResetResult:
    """The call's outcome and, when the station answered, its status."""

    outcome: CallOutcomeEnum
    status: enums.ResetStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None


@strawberry.type(
    name="PasswordRotationResult",
    description="How a password rotation (A01) ended; the password itself is never shown.",
)
class PasswordRotationResult:
    """The SetVariables call's outcome, the station's status for BasicAuthPassword, and
    whether the CSMS now expects the new password."""

    outcome: CallOutcomeEnum
    status: enums.SetVariableStatusEnumType | None
    password_changed: bool
    error_code: str | None
    error_description: str | None


@strawberry.type(name="SetNetworkProfileResult", description="How a SetNetworkProfile ended.")
class SetNetworkProfileResult:
    """The call's outcome, the station's status and, when Accepted, the stored profile."""

    outcome: CallOutcomeEnum
    status: enums.SetNetworkProfileStatusEnumType | None
    reason_code: str | None
    additional_info: str | None
    error_code: str | None
    error_description: str | None
    profile: NetworkProfileType | None
