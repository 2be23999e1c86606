"""Provisioning mutations: station registration, boot policy and configuration (B01-B03),
Reset (B11, B12) and SetNetworkProfile (B09). Each maps its arguments to the block's
`ProvisioningCommands` or typed requests and the result to GraphQL types; when a station
accepted a SetNetworkProfile, the block's result handler has stored the profile by the time
the mutation reads it back."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result, enums

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall, status_reason_fields
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.device_model.types import ReportBaseEnum
from graphql_schema.provisioning.types import (
    BootConfigurationType,
    BootPolicyType,
    BootVariableInput,
    NetworkConnectionProfileInput,
    NetworkProfileType,
    PasswordRotationResult,
    ResetResult,
    SetNetworkProfileResult,
    StationType,
    UpsertStationInput,
)
from modules import provisioning
from modules.kernel.commands import InvalidCommand
from modules.provisioning import ProvisioningCommands, ProvisioningQueries


@strawberry.type
class ProvisioningMutation:
    """Block B: station registration, boot policy and configuration, Reset, SetNetworkProfile."""

    @mutation("Create or update a station's registration (id, password, security profile).")
    async def upsert_station(
        self, stations: ProvisioningCommands, input: UpsertStationInput
    ) -> StationType:
        """Register the station so it may connect; a password enables basic auth."""
        station = await stations.register_station(
            str(input.id), input.password, input.security_profile
        )
        return StationType.of(station)

    @mutation(
        "Delete a station and everything stored for it (statuses, device model, events); "
        "the message log is kept until its retention runs out. Returns false when unknown. "
        "A connected station keeps its socket until it drops; it is then refused (404) "
        "unless unknown stations are accepted."
    )
    async def delete_station(self, stations: ProvisioningCommands, id: strawberry.ID) -> bool:
        """Remove the station; its dependent rows go with it."""
        return await stations.delete_station(str(id))

    @mutation(
        "Set a station's own boot policy (status null: the fleet default; "
        "intervalSeconds null: the fleet retry interval)."
    )
    async def set_boot_policy(
        self,
        stations: ProvisioningCommands,
        station_id: strawberry.ID,
        status: enums.RegistrationStatusEnumType | None = None,
        interval_seconds: int | None = None,
    ) -> BootPolicyType:
        """Upsert the station's boot policy."""
        policy = await stations.set_boot_policy(str(station_id), status, interval_seconds)
        return BootPolicyType.of(policy)

    @mutation(
        "Set what the CSMS sets (and fetches) while the station is Pending; its next "
        "boot is answered Pending until this was applied."
    )
    async def set_boot_configuration(
        self,
        stations: ProvisioningCommands,
        station_id: strawberry.ID,
        variables: list[BootVariableInput],
        fetch_report: bool = False,
        report_base: enums.ReportBaseEnumType = ReportBaseEnum.full_inventory,
    ) -> BootConfigurationType:
        """Upsert the station's boot configuration; it is applied anew."""
        wanted = [item.to_variable() for item in variables]
        base = enums.ReportBaseEnumType(report_base.value)
        configuration = await stations.set_boot_configuration(
            str(station_id), wanted, fetch_report, base
        )
        return BootConfigurationType.of(configuration)

    @mutation("Remove a station's boot configuration; true if it had one.")
    async def clear_boot_configuration(
        self, stations: ProvisioningCommands, station_id: strawberry.ID
    ) -> bool:
        """Delete the station's boot configuration."""
        return await stations.clear_boot_configuration(str(station_id))

    @mutation(
        "A01: give the station a new Basic-auth password (generated when none is given) with "
        "SetVariables SecurityCtrlr.BasicAuthPassword. The CSMS stores its hash only once the "
        "station answered Accepted; until then, and after any other answer, the old password "
        "keeps working. The password is never shown, logged or stored in clear text."
    )
    async def rotate_station_password(
        self, call: StationCall, password: str | None = None
    ) -> PasswordRotationResult:
        """Send the new password; store its hash when the station accepted it."""
        stations = call.block(ProvisioningCommands)
        with refusals_as_input_errors(InvalidCommand):
            secret, password_hash = await stations.new_password(call.station_id, password)
        result = await call.send(provisioning.password_rotation(secret), call_result.SetVariables)
        del secret
        answer = result.response
        changed = provisioning.password_taken(answer)
        if changed:
            await stations.password_accepted(call.station_id, password_hash)
        status = answer.set_variable_result[0].attribute_status if answer else None
        return PasswordRotationResult(
            **commands.call_fields(result),
            status=status if answer and answer.set_variable_result else None,
            password_changed=changed,
        )

    @mutation("B11/B12: reset the station, or one EVSE when evseId is given.")
    async def reset(
        self, call: StationCall, type: enums.ResetEnumType, evse_id: int | None = None
    ) -> ResetResult:
        """Send Reset; answer with the station's status."""
        result = await call.send(provisioning.reset(type, evse_id), call_result.Reset)
        return ResetResult(**commands.call_fields(result), **status_reason_fields(result.response))

    @mutation(
        "B09: set a network connection profile in a configuration slot; stored "
        "when the station accepts it."
    )
    async def set_network_profile(
        self,
        call: StationCall,
        configuration_slot: int,
        connection_data: NetworkConnectionProfileInput,
    ) -> SetNetworkProfileResult:
        """Send SetNetworkProfile; with Accepted, the profile the result handler stored."""
        request = provisioning.set_network_profile(configuration_slot, connection_data.to_profile())
        result = await call.send(request, call_result.SetNetworkProfile)
        answer = result.response
        profile = None
        if answer is not None and answer.status is enums.SetNetworkProfileStatusEnumType.accepted:
            stored = await call.block(ProvisioningQueries).network_profile(
                call.station_id, configuration_slot
            )
            profile = NetworkProfileType.of(stored) if stored else None
        return SetNetworkProfileResult(
            **commands.call_fields(result), **status_reason_fields(answer), profile=profile
        )
