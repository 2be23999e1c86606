"""Provisioning mutations: boot policy and configuration (B01-B03), Reset (B11, B12) and
SetNetworkProfile (B09), the commands sent through the call sender."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result, enums
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.context import Context
from graphql_schema.device_model.types import ReportBaseEnum
from graphql_schema.provisioning_types import (
    BootConfigurationType,
    BootPolicyType,
    BootVariableInput,
    NetworkConnectionProfileInput,
    NetworkProfileType,
    ProvisioningInputError,
    RegistrationStatusEnum,
    ResetResult,
    ResetStatusEnum,
    ResetTypeEnum,
    SetNetworkProfileResult,
    SetNetworkProfileStatusEnum,
)
from infra.db.models import BootConfiguration, NetworkProfile, Station, StationBootPolicy
from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError

MAX_TIMEOUT_SECONDS = 300.0
MAX_INTERVAL_SECONDS = 86_400


def _check_timeout(timeout_seconds: float | None) -> None:
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise ProvisioningInputError(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")


async def _check_station(station_id: strawberry.ID) -> str:
    if not await Station.exists(id=str(station_id)):
        raise ProvisioningInputError(f"stationId: unknown station {station_id}")
    return str(station_id)


async def _send(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    action: str,
    payload: dict[str, Any],
    timeout_seconds: float | None,
) -> CallOutcome:
    _check_timeout(timeout_seconds)
    try:
        schemas.validate(action, "Request", payload)
    except OcppError as error:
        raise ProvisioningInputError(f"{error.code}: {error.description}") from None
    return await info.context.services.sender.send(
        str(station_id), action, payload, timeout_seconds
    )


def _value(value: Any) -> str:
    return str(getattr(value, "value", value))


@strawberry.type
class ProvisioningMutation:
    """Block B: boot policy and configuration, Reset, SetNetworkProfile."""

    @strawberry.mutation(
        description="Set a station's own boot policy (status null: the fleet default; "
        "intervalSeconds null: the fleet retry interval).",
    )
    async def set_boot_policy(
        self,
        station_id: strawberry.ID,
        status: RegistrationStatusEnum | None = None,
        interval_seconds: int | None = None,
    ) -> BootPolicyType:
        """Upsert the station's boot policy."""
        if interval_seconds is not None and not 0 <= interval_seconds <= MAX_INTERVAL_SECONDS:
            raise ProvisioningInputError(f"intervalSeconds: must be 0 to {MAX_INTERVAL_SECONDS}")
        station = await _check_station(station_id)
        row, _ = await StationBootPolicy.update_or_create(
            defaults={"status": status.value if status else None, "interval": interval_seconds},
            station_id=station,
        )
        return BootPolicyType.from_model(row)

    @strawberry.mutation(
        description="Set what the CSMS sets (and fetches) while the station is Pending; its next "
        "boot is answered Pending until this was applied.",
    )
    async def set_boot_configuration(
        self,
        station_id: strawberry.ID,
        variables: list[BootVariableInput],
        fetch_report: bool = False,
        report_base: enums.ReportBaseEnumType = ReportBaseEnum.full_inventory,
    ) -> BootConfigurationType:
        """Upsert the station's boot configuration; it is applied anew."""
        station = await _check_station(station_id)
        stored = [item.to_json() for item in variables]
        if not stored and not fetch_report:
            raise ProvisioningInputError("variables: give at least one, or fetchReport: true")
        row, _ = await BootConfiguration.update_or_create(
            defaults={
                "variables": stored,
                "fetch_report": fetch_report,
                "report_base": report_base.value,
                "applied_at": None,
                "last_error": None,
            },
            station_id=station,
        )
        return BootConfigurationType.from_model(row)

    @strawberry.mutation(
        description="Remove a station's boot configuration; true if it had one.",
    )
    async def clear_boot_configuration(self, station_id: strawberry.ID) -> bool:
        """Delete the station's boot configuration."""
        return bool(await BootConfiguration.filter(station_id=str(station_id)).delete())

    @strawberry.mutation(
        description="B11/B12: reset the station, or one EVSE when evseId is given.",
    )
    async def reset(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        type: ResetTypeEnum,
        evse_id: int | None = None,
        timeout_seconds: float | None = None,
    ) -> ResetResult:
        """Send Reset; answer with the station's status."""
        payload: dict[str, Any] = {"type": type.value}
        if evse_id is not None:
            payload["evseId"] = evse_id
        outcome = await _send(info, station_id, "Reset", payload, timeout_seconds)
        status: ResetStatusEnum | None = None
        reason: tuple[str | None, str | None] = (None, None)
        if outcome.outcome is Outcome.RESULT:
            answer = codec.decode(call_result.Reset, outcome.response or {})
            status = ResetStatusEnum(_value(answer.status))
            if answer.status_info:
                reason = (answer.status_info.reason_code, answer.status_info.additional_info)
        return ResetResult(
            outcome=CallOutcomeEnum(outcome.outcome.value),
            status=status,
            reason_code=reason[0],
            additional_info=reason[1],
            error_code=outcome.error_code,
            error_description=outcome.error_description,
        )

    @strawberry.mutation(
        description="B09: set a network connection profile in a configuration slot; stored "
        "when the station accepts it.",
    )
    async def set_network_profile(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        configuration_slot: int,
        connection_data: NetworkConnectionProfileInput,
        timeout_seconds: float | None = None,
    ) -> SetNetworkProfileResult:
        """Send SetNetworkProfile; the result route stores an accepted slot."""
        payload = {
            "configurationSlot": configuration_slot,
            "connectionData": connection_data.to_json(),
        }
        outcome = await _send(info, station_id, "SetNetworkProfile", payload, timeout_seconds)
        status: SetNetworkProfileStatusEnum | None = None
        reason: tuple[str | None, str | None] = (None, None)
        profile: NetworkProfileType | None = None
        if outcome.outcome is Outcome.RESULT:
            answer = codec.decode(call_result.SetNetworkProfile, outcome.response or {})
            status = SetNetworkProfileStatusEnum(_value(answer.status))
            if answer.status_info:
                reason = (answer.status_info.reason_code, answer.status_info.additional_info)
            if status is SetNetworkProfileStatusEnum.Accepted:
                row = await NetworkProfile.get_or_none(
                    station_id=str(station_id), configuration_slot=configuration_slot
                )
                profile = NetworkProfileType.from_model(row) if row else None
        return SetNetworkProfileResult(
            outcome=CallOutcomeEnum(outcome.outcome.value),
            status=status,
            reason_code=reason[0],
            additional_info=reason[1],
            error_code=outcome.error_code,
            error_description=outcome.error_description,
            profile=profile,
        )
