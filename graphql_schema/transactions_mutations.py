"""GetTransactionStatus (E14): a typed command mutation over the call sender."""

from __future__ import annotations

from typing import Any

import strawberry
from ocpp.v201 import call_result
from strawberry.types import Info

from graphql_schema.common.commands import CallOutcomeEnum
from graphql_schema.context import Context
from modules.kernel import codec
from modules.kernel.envelope import Outcome

ACTION = "GetTransactionStatus"
MAX_TIMEOUT_SECONDS = 300.0
MAX_TRANSACTION_ID_LENGTH = 36


class TransactionStatusInputError(ValueError):
    """The mutation's arguments cannot form a valid GetTransactionStatusRequest."""


@strawberry.type(description="How a GetTransactionStatus call ended and what the station said.")
class GetTransactionStatusResult:
    """Outcome; with RESULT whether the transaction is ongoing (only when a transactionId was
    asked) and whether the station still queues messages for it (or for any transaction)."""

    outcome: CallOutcomeEnum
    ongoing_indicator: bool | None
    messages_in_queue: bool | None
    error_code: str | None
    error_description: str | None


async def get_transaction_status(
    info: Info[Context, Any],
    station_id: strawberry.ID,
    transaction_id: str | None = None,
    timeout_seconds: float | None = None,
) -> GetTransactionStatusResult:
    """E14: ask the station whether a transaction is ongoing and has queued messages."""
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise TransactionStatusInputError(
            f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}"
        )
    payload: dict[str, Any] = {}
    if transaction_id is not None:
        if not 0 < len(transaction_id) <= MAX_TRANSACTION_ID_LENGTH:
            raise TransactionStatusInputError(
                f"transactionId: 1 to {MAX_TRANSACTION_ID_LENGTH} characters"
            )
        payload["transactionId"] = transaction_id
    outcome = await info.context.services.sender.send(
        str(station_id), ACTION, payload, timeout_seconds
    )
    ongoing: bool | None = None
    queued: bool | None = None
    if outcome.outcome is Outcome.RESULT:
        answer = codec.decode(call_result.GetTransactionStatus, outcome.response or {})
        ongoing, queued = answer.ongoing_indicator, answer.messages_in_queue
    return GetTransactionStatusResult(
        outcome=CallOutcomeEnum(outcome.outcome.value),
        ongoing_indicator=ongoing,
        messages_in_queue=queued,
        error_code=outcome.error_code,
        error_description=outcome.error_description,
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
