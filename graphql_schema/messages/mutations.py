"""The sendCall mutation: any CSMS-to-station action with a JSON payload, for what no typed
mutation covers (the kernel's sender validates the payload against the request schema)."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum, CallResultType, check_timeout
from graphql_schema.common.errors import invalid, refusals_as_input_errors
from graphql_schema.context import Context
from modules.kernel.commands import UnknownCommand
from modules.kernel.errors import OcppError


async def send_call(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    action: str,
    payload: JSON,
    timeout_seconds: float | None = None,
) -> CallResultType:
    """Forward the call and report its outcome."""
    check_timeout(timeout_seconds)
    if not isinstance(payload, dict):
        raise invalid("payload", "must be a JSON object")
    with refusals_as_input_errors(UnknownCommand, OcppError):
        outcome = await info.context.services.sender.send(
            str(station_id), action, payload, timeout_seconds
        )
    return CallResultType(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        response=cast(JSON, outcome.response),
        error_code=outcome.error_code,
        error_description=outcome.error_description,
        error_details=cast(JSON, outcome.error_details or None),
    )


@strawberry.type
class MessagesMutation:
    """The generic command."""

    send_call: CallResultType = strawberry.mutation(
        resolver=send_call,
        description=(
            "Send any CSMS-to-station action; the payload is schema-validated first. Returns "
            "the station's answer, OFFLINE at once if it is not connected, TIMEOUT after "
            "`timeoutSeconds` (default: the CSMS call timeout)."
        ),
    )
