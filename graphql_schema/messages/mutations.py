"""The sendCall mutation: any CSMS-to-station action with a JSON payload, for what no typed
mutation covers (the kernel's sender validates the payload against the request schema)."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.scalars import JSON

from graphql_schema.common.commands import CallOutcomeEnum, CallResultType, StationCall
from graphql_schema.common.errors import invalid, refusals_as_input_errors
from graphql_schema.common.fields import mutation
from modules.kernel.commands import UnknownCommand
from modules.kernel.errors import OcppError


@strawberry.type
class MessagesMutation:
    """The generic command."""

    @mutation(
        "Send any CSMS-to-station action; the payload is schema-validated first. Returns "
        "the station's answer, OFFLINE at once if it is not connected, TIMEOUT after "
        "`timeoutSeconds` (default: the CSMS call timeout)."
    )
    async def send_call(self, call: StationCall, action: str, payload: JSON) -> CallResultType:
        """Forward the call and report its outcome."""
        if not isinstance(payload, dict):
            raise invalid("payload", "must be a JSON object")
        sender = call.info.context.services.sender
        with refusals_as_input_errors(UnknownCommand, OcppError):
            outcome = await sender.send(call.station_id, action, payload, call.timeout)
        return CallResultType(
            outcome=CallOutcomeEnum(outcome.outcome.value),
            response=cast(JSON, outcome.response),
            error_code=outcome.error_code,
            error_description=outcome.error_description,
            error_details=cast(JSON, outcome.error_details or None),
        )
