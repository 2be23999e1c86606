"""Provisioning mutations: station registration, boot policy and configuration (B01-B03),
Reset (B11, B12) and SetNetworkProfile (B09). Each maps its arguments to the block's
`ProvisioningCommands` or typed requests and the result to GraphQL types; when a station
accepted a SetNetworkProfile, the block's result handler has stored the profile by the time
the mutation reads it back."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.context import Context
from graphql_schema.device_model.types import ReportBaseEnum
from graphql_schema.provisioning.types import (
    BootConfigurationType,
    BootPolicyType,
    BootVariableInput,
    NetworkConnectionProfileInput,
    NetworkProfileType,
    ResetResult,
    SetNetworkProfileResult,
    StationType,
    UpsertStationInput,
)
from modules import provisioning
from modules.provisioning import ProvisioningCommands, ProvisioningQueries


def _commands(info: Info[Context, Any]) -> ProvisioningCommands:
    return info.context.services.block(ProvisioningCommands)


async def upsert_station(info: Info[Context, Any], input: UpsertStationInput) -> StationType:
    """Register the station so it may connect; a password enables basic auth."""
    with refusals_as_input_errors():
        station = await _commands(info).register_station(
            str(input.id), input.password, input.security_profile
        )
    return StationType.of(station)


async def delete_station(info: Info[Context, Any], id: strawberry.ID) -> bool:
    """Remove the station; its dependent rows go with it."""
    return await _commands(info).delete_station(str(id))


async def set_boot_policy(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    status: enums.RegistrationStatusEnumType | None = None,
    interval_seconds: int | None = None,
) -> BootPolicyType:
    """Upsert the station's boot policy."""
    with refusals_as_input_errors():
        policy = await _commands(info).set_boot_policy(str(station_id), status, interval_seconds)
    return BootPolicyType.of(policy)


async def set_boot_configuration(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    variables: list[BootVariableInput],
    fetch_report: bool = False,
    report_base: enums.ReportBaseEnumType = ReportBaseEnum.full_inventory,
) -> BootConfigurationType:
    """Upsert the station's boot configuration; it is applied anew."""
    with refusals_as_input_errors():
        configuration = await _commands(info).set_boot_configuration(
            str(station_id),
            [item.to_variable() for item in variables],
            fetch_report,
            enums.ReportBaseEnumType(report_base.value),
        )
    return BootConfigurationType.of(configuration)


async def clear_boot_configuration(info: Info[Context, Any], station_id: strawberry.ID) -> bool:
    """Delete the station's boot configuration."""
    return await _commands(info).clear_boot_configuration(str(station_id))


async def reset(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    type: enums.ResetEnumType,
    evse_id: int | None = None,
    timeout_seconds: float | None = None,
) -> ResetResult:
    """Send Reset; answer with the station's status."""
    request = provisioning.reset(type, evse_id)
    result = await commands.send(info, station_id, request, call_result.Reset, timeout_seconds)
    answer = result.response
    return ResetResult(
        **commands.call_fields(result),
        status=answer.status if answer else None,
        **commands.reason_fields(answer.status_info if answer else None),
    )


async def set_network_profile(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    configuration_slot: int,
    connection_data: NetworkConnectionProfileInput,
    timeout_seconds: float | None = None,
) -> SetNetworkProfileResult:
    """Send SetNetworkProfile; with Accepted, the profile the result handler stored."""
    with refusals_as_input_errors():
        request = provisioning.set_network_profile(configuration_slot, connection_data.to_profile())
    result = await commands.send(
        info, station_id, request, call_result.SetNetworkProfile, timeout_seconds
    )
    answer = result.response
    profile = None
    if answer is not None and answer.status is enums.SetNetworkProfileStatusEnumType.accepted:
        stored = await info.context.services.block(ProvisioningQueries).network_profile(
            str(station_id), configuration_slot
        )
        profile = NetworkProfileType.of(stored) if stored else None
    return SetNetworkProfileResult(
        **commands.call_fields(result),
        status=answer.status if answer else None,
        **commands.reason_fields(answer.status_info if answer else None),
        profile=profile,
    )


@strawberry.type
class ProvisioningMutation:
    """Block B: station registration, boot policy and configuration, Reset, SetNetworkProfile."""

    upsert_station: StationType = strawberry.mutation(
        resolver=upsert_station,
        description="Create or update a station's registration (id, password, security profile).",
    )
    delete_station: bool = strawberry.mutation(
        resolver=delete_station,
        description=(
            "Delete a station and everything stored for it (statuses, device model, events); "
            "the message log is kept until its retention runs out. Returns false when unknown. "
            "A connected station keeps its socket until it drops; it is then refused (404) "
            "unless unknown stations are accepted."
        ),
    )
    set_boot_policy: BootPolicyType = strawberry.mutation(
        resolver=set_boot_policy,
        description="Set a station's own boot policy (status null: the fleet default; "
        "intervalSeconds null: the fleet retry interval).",
    )
    set_boot_configuration: BootConfigurationType = strawberry.mutation(
        resolver=set_boot_configuration,
        description="Set what the CSMS sets (and fetches) while the station is Pending; its next "
        "boot is answered Pending until this was applied.",
    )
    clear_boot_configuration: bool = strawberry.mutation(
        resolver=clear_boot_configuration,
        description="Remove a station's boot configuration; true if it had one.",
    )
    reset: ResetResult = strawberry.mutation(
        resolver=reset,
        description="B11/B12: reset the station, or one EVSE when evseId is given.",
    )
    set_network_profile: SetNetworkProfileResult = strawberry.mutation(
        resolver=set_network_profile,
        description="B09: set a network connection profile in a configuration slot; stored "
        "when the station accepts it.",
    )
