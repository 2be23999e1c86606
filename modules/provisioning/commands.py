"""Provisioning commands: Reset (B11/B12) and SetNetworkProfile (B09) built as typed requests,
the SetNetworkProfile result handler, the requests the boot configurator sends (SetVariables,
GetBaseReport) and reads back, and the operator's station, boot-policy and boot-configuration
writes (`ProvisioningCommands`)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, TypeVar

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec
from modules.kernel.commands import InvalidCommand
from modules.kernel.ocpp_parts import evse_of
from modules.kernel.passwords import generate_password, hash_password
from modules.kernel.routing import HandlerContext
from modules.kernel.secret_values import is_secret
from modules.kernel.services import OnStore
from modules.provisioning.events import NetworkProfileSet
from modules.provisioning.policy import (
    check_boot_configuration,
    check_password,
    check_registration,
    check_retry_interval,
)
from modules.provisioning.records import (
    BootConfigurationRecord,
    BootConfigurationSettings,
    BootPolicyRecord,
    BootVariable,
    NetworkProfileRecord,
    StationRecord,
)
from modules.provisioning.store import ProvisioningStore

PASSWORD_COMPONENT = "SecurityCtrlr"
PASSWORD_VARIABLE = "BasicAuthPassword"

T = TypeVar("T")

SET_OK = frozenset(
    {enums.SetVariableStatusEnumType.accepted, enums.SetVariableStatusEnumType.reboot_required}
)
"""SetVariables answers that count as set (a reboot applies RebootRequired values)."""
REPORT_OK = frozenset(
    {
        enums.GenericDeviceModelStatusEnumType.accepted,
        enums.GenericDeviceModelStatusEnumType.empty_result_set,
    }
)
"""GetBaseReport answers that count as fetched."""


def reset(type: enums.ResetEnumType, evse_id: int | None = None) -> call.Reset:
    """B11 (the station) or B12 (one EVSE): reset now or once idle."""
    return call.Reset(type=type, evse_id=evse_id)


def _part(cls: type[T], field: str, value: Any) -> T | None:
    """A nested object of a network profile given as camelCase JSON, decoded without loss:
    refused when it is not an object, lacks a required key, or has a key `cls` does not know."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidCommand(field, "must be a JSON object")
    try:
        decoded = codec.decode(cls, value)
    except (TypeError, ValueError) as error:
        raise InvalidCommand(field, f"not a valid object: {error}") from None
    unknown = sorted(
        key for key, item in value.items() if item is not None and key not in codec.encode(decoded)
    )
    if unknown:
        raise InvalidCommand(field, f"unknown keys {', '.join(unknown)}")
    return decoded


def network_profile(
    ocpp_version: enums.OCPPVersionEnumType,
    ocpp_transport: enums.OCPPTransportEnumType,
    ocpp_csms_url: str,
    message_timeout: int,
    security_profile: int,
    ocpp_interface: enums.OCPPInterfaceEnumType,
    vpn: Any = None,
    apn: Any = None,
) -> datatypes.NetworkConnectionProfileType:
    """B09's connection data; `vpn` and `apn` as their camelCase JSON objects (or None)."""
    return datatypes.NetworkConnectionProfileType(
        ocpp_version=ocpp_version,
        ocpp_transport=ocpp_transport,
        ocpp_csms_url=ocpp_csms_url,
        message_timeout=message_timeout,
        security_profile=security_profile,
        ocpp_interface=ocpp_interface,
        vpn=_part(datatypes.VPNType, "connectionData.vpn", vpn),
        apn=_part(datatypes.APNType, "connectionData.apn", apn),
    )


def set_network_profile(
    configuration_slot: int, connection_data: datatypes.NetworkConnectionProfileType
) -> call.SetNetworkProfile:
    """B09: put a network connection profile in a configuration slot."""
    return call.SetNetworkProfile(
        configuration_slot=configuration_slot, connection_data=connection_data
    )


def set_variables(variables: Sequence[BootVariable]) -> call.SetVariables:
    """The SetVariables request that sets a boot configuration's variables (B05)."""
    data: list[datatypes.SetVariableDataType] = []
    for item in variables:
        evse = evse_of(item.evse_id, item.connector_id)
        data.append(
            datatypes.SetVariableDataType(
                attribute_type=enums.AttributeEnumType(item.attribute_type),
                attribute_value=item.value,
                component=datatypes.ComponentType(
                    name=item.component, instance=item.component_instance or None, evse=evse
                ),
                variable=datatypes.VariableType(
                    name=item.variable, instance=item.variable_instance or None
                ),
            )
        )
    return call.SetVariables(set_variable_data=data)


def password_rotation(password: str) -> call.SetVariables:
    """A01.FR.02: the SetVariables request that sets the station's Basic-auth password."""
    return call.SetVariables(
        set_variable_data=[
            datatypes.SetVariableDataType(
                attribute_value=password,
                component=datatypes.ComponentType(name=PASSWORD_COMPONENT),
                variable=datatypes.VariableType(name=PASSWORD_VARIABLE),
            )
        ]
    )


def password_taken(response: call_result.SetVariables | None) -> bool:
    """A01.FR.03/04: only an Accepted answer means the station changed its password."""
    if response is None:
        return False
    return any(
        result.component.name == PASSWORD_COMPONENT
        and result.variable.name == PASSWORD_VARIABLE
        and result.attribute_status is enums.SetVariableStatusEnumType.accepted
        for result in response.set_variable_result
    )


def set_variables_problems(response: call_result.SetVariables) -> list[str]:
    """What went wrong in a SetVariables answer (empty: every item was set)."""
    return [
        f"{result.component.name}.{result.variable.name}: {result.attribute_status.value}"
        for result in response.set_variable_result
        if result.attribute_status not in SET_OK
    ]


def get_base_report(request_id: int, report_base: str) -> call.GetBaseReport:
    """The GetBaseReport request (B07) of a boot configuration that fetches a report."""
    return call.GetBaseReport(
        request_id=request_id, report_base=enums.ReportBaseEnumType(report_base)
    )


def report_fetched(response: call_result.GetBaseReport) -> bool:
    """Whether the station will send the report (Accepted) or has nothing to report."""
    return response.status in REPORT_OK


class ProvisioningCommands(OnStore[ProvisioningStore]):
    """The operator's provisioning writes, and what a SetNetworkProfile answer means."""

    def __init__(self, store: ProvisioningStore, default_security_profile: int = 1) -> None:
        super().__init__(store)
        self._default_security_profile = default_security_profile

    async def set_network_profile_result(
        self,
        ctx: HandlerContext,
        request: call.SetNetworkProfile,
        response: call_result.SetNetworkProfile,
    ) -> None:
        """B09: a slot the station accepted now holds the profile sent (B09.FR.01); emit
        NETWORK_PROFILE_SET. Rejected and Failed answers change nothing."""
        status = response.status
        if status is not enums.SetNetworkProfileStatusEnumType.accepted:
            return
        await self._store.save_network_profile(
            NetworkProfileRecord(
                ctx.station_id,
                request.configuration_slot,
                codec.encode(request.connection_data),
                status.value,
                ctx.now,
            )
        )
        ctx.emit(
            NetworkProfileSet(
                **ctx.origin,
                configuration_slot=request.configuration_slot,
                status=status.value,
            )
        )

    async def register_station(
        self, station_id: str, password: str | None, security_profile: int | None
    ) -> StationRecord:
        """Register the station so it may connect (a password enables basic auth, stored
        hashed: A01.FR.08), or change its credentials."""
        check_registration(station_id, password, security_profile)
        password_hash = None
        if password is not None:
            password_hash = await asyncio.to_thread(hash_password, password)
        if security_profile is None and not await self._store.station_exists(station_id):
            security_profile = self._default_security_profile
        return await self._store.register_station(station_id, password_hash, security_profile)

    async def new_password(self, station_id: str, password: str | None) -> tuple[str, str]:
        """A01: the password to send a known station (`password`, checked, or a generated
        one: A01.FR.07) and its hash, stored only once the station accepted it."""
        await self._known(station_id)
        if password is None:
            password = generate_password()
        check_password(password)
        return password, await asyncio.to_thread(hash_password, password)

    async def password_accepted(self, station_id: str, password_hash: str) -> StationRecord:
        """A01.FR.03: the station took its new password; the old one no longer works."""
        return await self._store.register_station(station_id, password_hash, None)

    async def delete_station(self, station_id: str) -> bool:
        """Delete the station and everything stored for it; False when unknown."""
        return await self._store.delete_station(station_id)

    async def _known(self, station_id: str) -> None:
        if not await self._store.station_exists(station_id):
            raise InvalidCommand("stationId", f"unknown station {station_id}")

    async def set_boot_policy(
        self,
        station_id: str,
        status: enums.RegistrationStatusEnumType | None,
        interval: int | None,
    ) -> BootPolicyRecord:
        """Set the station's own boot policy (B01-B03): None status is the fleet default,
        None interval the fleet retry interval."""
        check_retry_interval(interval)
        await self._known(station_id)
        return await self._store.set_boot_policy(
            station_id, status.value if status else None, interval
        )

    async def set_boot_configuration(
        self,
        station_id: str,
        variables: Sequence[BootVariable],
        fetch_report: bool,
        report_base: enums.ReportBaseEnumType,
    ) -> BootConfigurationRecord:
        """Set what is applied while the station is Pending (B02); it is applied anew."""
        await self._known(station_id)
        check_boot_configuration(len(variables), fetch_report)
        for index, item in enumerate(variables):
            if is_secret(item.component, item.variable):
                raise InvalidCommand(
                    f"variables[{index}]",
                    f"{item.component}.{item.variable} is set with rotateStationPassword "
                    "(a boot configuration is stored as given)",
                )
        return await self._store.set_boot_configuration(
            BootConfigurationSettings(station_id, tuple(variables), fetch_report, report_base.value)
        )

    async def clear_boot_configuration(self, station_id: str) -> bool:
        """Remove the station's boot configuration; whether it had one."""
        return await self._store.clear_boot_configuration(station_id)
