"""The dataTransfer mutation (P01): arguments to the block's command, the station's answer to
a GraphQL type. When the station answered, the block's result handler has already stored the
transfer by the time the mutation returns."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.data_transfer.types import DataTransferResult
from modules import data_transfer
from modules.kernel.commands import InvalidCommand, UnknownCommand
from modules.kernel.errors import OcppError


@strawberry.type
class DataTransferMutation:
    """Data-transfer commands (block P)."""

    @mutation(
        "P01: send the station a DataTransfer (vendorId, optional messageId, any JSON data) "
        "and return its answer: status (Accepted/Rejected as agreed with the vendor, "
        "UnknownVendorId, UnknownMessageId), statusInfo and data. The transfer is stored "
        "(see `dataTransfers`) unless the station was OFFLINE."
    )
    async def data_transfer(
        self,
        call: StationCall,
        vendor_id: str,
        message_id: str | None = None,
        data: JSON | None = None,
    ) -> DataTransferResult:
        """P01: send a DataTransfer and return the station's answer."""
        request = data_transfer.data_transfer(vendor_id, message_id, data)
        with refusals_as_input_errors(InvalidCommand, UnknownCommand, OcppError):
            result = await call.block(data_transfer.DataTransfers).send(
                call.station_id, request, call.timeout
            )
        answer = result.response
        return DataTransferResult(
            **commands.call_fields(result),
            **commands.status_fields(answer),
            data=answer.data if answer else None,
        )
