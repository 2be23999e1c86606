"""GetTransactionStatus (E14): the block's typed command over the call sender."""

from __future__ import annotations

import strawberry
from ocpp.v201 import call_result

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.fields import mutation
from graphql_schema.transactions.types import GetTransactionStatusResult
from modules import transactions


@strawberry.type
class TransactionsMutation:
    """Transaction commands (block E)."""

    @mutation(
        "E14: ask the station about a transaction (transactionId: ongoingIndicator and "
        "messagesInQueue for it) or, without transactionId, whether it queues messages "
        "for any transaction."
    )
    async def get_transaction_status(
        self, call: StationCall, transaction_id: str | None = None
    ) -> GetTransactionStatusResult:
        """E14: ask the station whether a transaction is ongoing and has queued messages."""
        request = transactions.get_transaction_status(transaction_id)
        result = await call.send(request, call_result.GetTransactionStatus)
        answer = result.response
        return GetTransactionStatusResult(
            **commands.call_fields(result),
            ongoing_indicator=answer.ongoing_indicator if answer else None,
            messages_in_queue=answer.messages_in_queue if answer else None,
        )
