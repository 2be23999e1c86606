"""GetTransactionStatus (E14): the typed request built from an operator's arguments. The
answer (ongoingIndicator, messagesInQueue) is only reported, so no result handler."""

from __future__ import annotations

from ocpp.v201 import call

from modules.kernel.commands import InvalidCommand

MAX_TRANSACTION_ID_LENGTH = 36


def get_transaction_status(transaction_id: str | None = None) -> call.GetTransactionStatus:
    """The request about one transaction, or (without an id) about queued messages of any;
    InvalidCommand when the id is empty or longer than the schema's 36 characters."""
    if transaction_id is not None and not 0 < len(transaction_id) <= MAX_TRANSACTION_ID_LENGTH:
        raise InvalidCommand("transactionId", f"1 to {MAX_TRANSACTION_ID_LENGTH} characters")
    return call.GetTransactionStatus(transaction_id=transaction_id)
