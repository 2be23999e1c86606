"""Mutation resolvers."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, CallResultType
from graphql_schema.context import Context
from graphql_schema.types import StationType
from infra.db.models import Station
from modules.kernel.commands import UnknownCommand
from modules.kernel.errors import OcppError
from modules.kernel.passwords import hash_password
from modules.kernel.station_id import station_id_problem

MIN_PASSWORD, MAX_PASSWORD = 16, 40
MAX_TIMEOUT_SECONDS = 300.0


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
    """Station administration and commands to stations."""

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

    @strawberry.mutation(
        description=(
            "Send any CSMS-to-station action; the payload is schema-validated first. Returns "
            "the station's answer, OFFLINE at once if it is not connected, TIMEOUT after "
            "`timeoutSeconds` (default: the CSMS call timeout)."
        ),
    )
    async def send_call(
        self,
        info: Info[Context, Any],
        station_id: strawberry.ID,
        action: str,
        payload: JSON,
        timeout_seconds: float | None = None,
    ) -> CallResultType:
        """Forward the call and report its outcome."""
        if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
            raise InvalidInput(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")
        if not isinstance(payload, dict):
            raise InvalidInput("payload: must be a JSON object")
        try:
            outcome = await info.context.services.sender.send(
                str(station_id), action, payload, timeout_seconds
            )
        except UnknownCommand as error:
            raise InvalidInput(f"action: {error}") from None
        except OcppError as error:
            raise InvalidInput(f"payload: {error.code}: {error.description}") from None
        return CallResultType(
            outcome=CallOutcomeEnum(outcome.outcome.value),
            response=cast(JSON, outcome.response),
            error_code=outcome.error_code,
            error_description=outcome.error_description,
            error_details=cast(JSON, outcome.error_details or None),
        )
