"""GetTransactionStatus (E14): the block's typed command over the call sender."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.context import Context
from graphql_schema.transactions.types import GetTransactionStatusResult
from modules import transactions


async def get_transaction_status(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    transaction_id: str | None = None,
    timeout_seconds: float | None = None,
) -> GetTransactionStatusResult:
    """E14: ask the station whether a transaction is ongoing and has queued messages."""
    commands.check_timeout(timeout_seconds)
    with refusals_as_input_errors():
        request = transactions.get_transaction_status(transaction_id)
    result = await commands.send(
        info, station_id, request, call_result.GetTransactionStatus, timeout_seconds
    )
    answer = result.response
    return GetTransactionStatusResult(
        **commands.call_fields(result),
        ongoing_indicator=answer.ongoing_indicator if answer else None,
        messages_in_queue=answer.messages_in_queue if answer else None,
    )


@strawberry.type
class TransactionsMutation:
    """Transaction commands (block E)."""

    get_transaction_status: GetTransactionStatusResult = strawberry.mutation(
        resolver=get_transaction_status,
        description=(
            "E14: ask the station about a transaction (transactionId: ongoingIndicator and "
            "messagesInQueue for it) or, without transactionId, whether it queues messages "
            "for any transaction."
        ),
    )
