"""The getLog mutation (N01): arguments to the block's workflow (which allocates the
requestId and the upload URL), its outcome to a GraphQL type."""

from __future__ import annotations

from datetime import datetime

import strawberry
from ocpp.v201 import enums

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.logs.types import GetLogResult, LogRequestType, origin_of
from modules import logs
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError


@strawberry.type
class LogsMutation:
    """Log commands (block N: N01)."""

    @mutation(
        "N01: ask the station to upload its DiagnosticsLog or SecurityLog (of the window "
        "fromTime..toTime when given; retries times, retryInterval seconds apart) to the "
        "CSMS itself: the GetLog carries a one-time upload URL of this CSMS under a requestId "
        "it allocates. The LogStatusNotifications and the uploaded file are read with "
        "logRequests; the file is downloaded at its downloadPath."
    )
    async def get_log(
        self,
        call: StationCall,
        log_type: enums.LogEnumType,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        retries: int | None = None,
        retry_interval: int | None = None,
    ) -> GetLogResult:
        """N01: allocate a requestId and an upload URL, record the request, send GetLog."""
        uploads = call.block(logs.LogUploads)
        with refusals_as_input_errors(InvalidCommand, OcppError):
            order = logs.get_log(log_type.value, from_time, to_time, retries, retry_interval)
            done = await call.block(logs.LogRequests).request(
                call.station_id, order, uploads.base(origin_of(call.info)), call.timeout
            )
        result = done.result
        response = result.response
        return GetLogResult(
            **commands.call_fields(result),
            **commands.status_reason_fields(response),
            filename=response.filename if response else None,
            request_id=done.request_id,
            request=LogRequestType.of(done.record) if done.record else None,
        )
