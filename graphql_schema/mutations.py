"""Mutation resolvers."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graphql_schema import device_model_mutations
from graphql_schema.context import Context
from graphql_schema.device_model_types import (
    GetVariablesResult,
    ReportRequestResult,
    SetVariablesResult,
)
from graphql_schema.types import StationType
from infra.db.models import Station
from modules.kernel.passwords import hash_password
from modules.kernel.station_id import station_id_problem

MIN_PASSWORD, MAX_PASSWORD = 16, 40


class InvalidInput(ValueError):
    """A mutation argument that cannot be used; the message says what is wrong."""


@strawberry.input(description="Register a station or change its credentials.")
class UpsertStationInput:
    """Station id, optional basic-auth password and security profile."""

    id: strawberry.ID
    password: str | None = None
    security_profile: int | None = None


def _check_station_input(data: UpsertStationInput) -> None:
    problem = station_id_problem(str(data.id))
    if problem:
        raise InvalidInput(f"id: {problem}")
    if data.password is not None and not MIN_PASSWORD <= len(data.password) <= MAX_PASSWORD:
        raise InvalidInput(f"password: must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if data.security_profile is not None and data.security_profile not in (1, 2, 3):
        raise InvalidInput("securityProfile: must be 1, 2 or 3")


@strawberry.type
class Mutation:
    """Station administration and device-model commands."""

    @strawberry.mutation(
        description="Create or update a station's registration (id, password, security profile).",
    )
    async def upsert_station(
        self, info: Info[Context, Any], input: UpsertStationInput
    ) -> StationType:
        """Register the station so it may connect; a password enables basic auth."""
        _check_station_input(input)
        station, _ = await Station.get_or_create(id=str(input.id))
        if input.password is not None:
            station.password_hash = hash_password(input.password)
        if input.security_profile is not None:
            station.security_profile = input.security_profile
        await station.save()
        return StationType.from_model(station)

    @strawberry.mutation(
        description=(
            "Delete a station and everything stored for it (statuses, device model, events); "
            "the message log is kept until its retention runs out. Returns false when unknown. "
            "A connected station keeps its socket until it drops; it is then refused (404) "
            "unless unknown stations are accepted."
        ),
    )
    async def delete_station(self, info: Info[Context, Any], id: strawberry.ID) -> bool:
        """Remove the station row; its dependent rows go with it (ON DELETE CASCADE)."""
        deleted: int = await Station.filter(id=str(id)).delete()
        return deleted > 0

    get_base_report: ReportRequestResult = strawberry.mutation(
        resolver=device_model_mutations.get_base_report,
        description=(
            "GetBaseReport (B07) with a requestId the CSMS allocates; the station's "
            "NotifyReport parts fill the device model (see `variables`, `deviceModelReports`)."
        ),
    )
    get_report: ReportRequestResult = strawberry.mutation(
        resolver=device_model_mutations.get_report,
        description="GetReport (B08) by component-variables and/or component criteria.",
    )
    get_variables: GetVariablesResult = strawberry.mutation(
        resolver=device_model_mutations.get_variables,
        description="GetVariables (B06); Accepted values are stored in the device model.",
    )
    set_variables: SetVariablesResult = strawberry.mutation(
        resolver=device_model_mutations.set_variables,
        description=(
            "SetVariables (B05); Accepted and RebootRequired values are stored in the device "
            "model, RebootRequired flags the station until it boots again."
        ),
    )
