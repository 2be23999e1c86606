"""Mutation resolvers."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, CallResultType
from graphql_schema.context import Context
from modules.kernel.commands import UnknownCommand
from modules.kernel.errors import OcppError

MAX_TIMEOUT_SECONDS = 300.0


class InvalidInput(ValueError):
    """A mutation argument that cannot be used; the message says what is wrong."""


@strawberry.type
class Mutation:
    """Station administration and commands to stations."""

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
