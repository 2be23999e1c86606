"""An example vendor handler, registered by no deployment (the tests register it): the
shape of a handler a deployment writes for its own vendorId.

`org.example.csms` knows one messageId, `Echo`: a transfer with data is Accepted and the data
sent back; one without data is Rejected (reasonCode `MissingData`). Any other messageId, or
none, is answered UnknownMessageId by the registry.
"""

from __future__ import annotations

from modules.data_transfer.vendors import IncomingTransfer, MessageHandler, Status, VendorAnswer

EXAMPLE_VENDOR_ID = "org.example.csms"


class ExampleVendor:
    """The example vendor: `Echo` returns the data it was sent."""

    vendor_id = EXAMPLE_VENDOR_ID

    def message_handler(self, message_id: str | None) -> MessageHandler | None:
        """`Echo` only."""
        return self.echo if message_id == "Echo" else None

    async def echo(self, transfer: IncomingTransfer) -> VendorAnswer:
        """Accepted with the data sent; Rejected (MissingData) without any."""
        if transfer.data is None:
            return VendorAnswer(Status.rejected, reason_code="MissingData")
        return VendorAnswer(Status.accepted, data=transfer.data)
