"""GetTransactionStatus (E14): the block's typed command over the call sender."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.common import commands
from graphql_schema.common.errors import from_command_error
from graphql_schema.context import Context
from graphql_schema.transactions.types import GetTransactionStatusResult
from modules import transactions
from modules.kernel.commands import InvalidCommand


async def get_transaction_status(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    transaction_id: str | None = None,
    timeout_seconds: float | None = None,
) -> GetTransactionStatusResult:
    """E14: ask the station whether a transaction is ongoing and has queued messages."""
    timeout = commands.check_timeout(timeout_seconds)
    try:
        request = transactions.get_transaction_status(transaction_id)
    except InvalidCommand as error:
        raise from_command_error(error) from None
    result = await commands.send(
        info.context.services.sender,
        str(station_id),
        request,
        call_result.GetTransactionStatus,
        timeout,
    )
    answer = result.response
    return GetTransactionStatusResult(
        outcome=commands.outcome_of(result),
        ongoing_indicator=answer.ongoing_indicator if answer else None,
        messages_in_queue=answer.messages_in_queue if answer else None,
        error_code=result.error_code,
        error_description=result.error_description,
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
