"""Data-transfer rules (pure): what an operator's DataTransfer may carry (what a station's
transfer may carry, NUL characters included, the kernel checks before dispatch).

vendorId is 1 to 255 characters and messageId at most 50 (the DataTransferRequest schema);
the data is any JSON value and its size is the parties' agreement (P01.FR.04, P02.FR.05).
"""

from __future__ import annotations

from modules.kernel.commands import InvalidCommand

MAX_VENDOR_ID = 255
MAX_MESSAGE_ID = 50


def check_outgoing(vendor_id: str, message_id: str | None) -> None:
    """InvalidCommand naming the argument a DataTransfer to a station cannot carry."""
    if not 0 < len(vendor_id) <= MAX_VENDOR_ID:
        raise InvalidCommand("vendorId", f"1 to {MAX_VENDOR_ID} characters")
    if message_id is not None and len(message_id) > MAX_MESSAGE_ID:
        raise InvalidCommand("messageId", f"at most {MAX_MESSAGE_ID} characters")
    for field, text in (("vendorId", vendor_id), ("messageId", message_id)):
        if text is not None and "\x00" in text:
            raise InvalidCommand(field, "must not contain NUL characters")
