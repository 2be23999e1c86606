"""The vendor-handler registry (P02): which vendor-specific implementation answers a
DataTransfer from a station, picked by vendorId and then messageId.

A vendor handler is any object with a `vendor_id` and a `message_handler(message_id)` that
returns the coroutine function answering that messageId (None for a transfer without one), or
None when the vendor has no such message. The composition root registers the handlers a
deployment ships (`app/bootstrap.py`, `build_app(vendors=...)`); none is registered by default,
so every transfer is answered UnknownVendorId (P02.FR.06). Pure: no I/O of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ocpp.v201 import enums

Status = enums.DataTransferStatusEnumType


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingTransfer:
    """A DataTransfer a station sent, as a vendor handler receives it (`data` as sent)."""

    station_id: str
    vendor_id: str
    message_id: str | None
    data: Any
    received_at: datetime


@dataclass(frozen=True, slots=True)
class VendorAnswer:
    """What the CSMS answers a DataTransfer: its status, the data (None: none) and why."""

    status: Status
    data: Any = None
    reason_code: str | None = None
    additional_info: str | None = None


MessageHandler = Callable[[IncomingTransfer], Awaitable[VendorAnswer]]
"""Answers the transfers of one vendor's messageId. It runs inside the station call's
transaction, before the answer is sent: keep it short. Accepted/Rejected and the data are the
vendor's agreement (P02.FR.08)."""


class VendorHandler(Protocol):
    """One vendor's implementation of DataTransfer."""

    @property
    def vendor_id(self) -> str:
        """The vendorId it answers (matched exactly; a reversed DNS name, P02.FR.03)."""
        ...

    def message_handler(self, message_id: str | None) -> MessageHandler | None:
        """The handler of `message_id` (None: a transfer without one), or None when the vendor
        has no such message (answered UnknownMessageId, P02.FR.07)."""
        ...


class DuplicateVendor(ValueError):
    """Two handlers registered for one vendorId."""


def answering(status: Status) -> MessageHandler:
    """A handler answering `status` with no data."""

    async def answer(transfer: IncomingTransfer) -> VendorAnswer:
        return VendorAnswer(status)

    return answer


UNKNOWN_VENDOR = answering(Status.unknown_vendor_id)
UNKNOWN_MESSAGE = answering(Status.unknown_message_id)


class VendorRegistry:
    """The registered vendor handlers, by vendorId."""

    def __init__(self, vendors: Iterable[VendorHandler] = ()) -> None:
        self._vendors: dict[str, VendorHandler] = {}
        for vendor in vendors:
            if vendor.vendor_id in self._vendors:
                raise DuplicateVendor(f"two DataTransfer handlers for {vendor.vendor_id}")
            self._vendors[vendor.vendor_id] = vendor

    @property
    def vendor_ids(self) -> frozenset[str]:
        """The vendorIds with a handler."""
        return frozenset(self._vendors)

    def route(self, vendor_id: str, message_id: str | None) -> tuple[MessageHandler, bool]:
        """The handler answering this transfer, and whether it is vendor code (False: the
        registry's own UnknownVendorId / UnknownMessageId answer, P02.FR.06/07)."""
        vendor = self._vendors.get(vendor_id)
        if vendor is None:
            return UNKNOWN_VENDOR, False
        handler = vendor.message_handler(message_id)
        if handler is None:
            return UNKNOWN_MESSAGE, False
        return handler, True
