"""Events of the customer-information block."""

from __future__ import annotations

from modules.kernel.events import Event, event
from modules.kernel.ocpp_parts import Answered


@event("CUSTOMER_INFORMATION_ANSWERED")
class CustomerInformationAnswered(Answered):
    """N09/N10: the station answered a CustomerInformationRequest (Accepted, Rejected or
    Invalid) with request id `request_id`."""

    request_id: int
    report: bool
    clear: bool


@event("CUSTOMER_INFORMATION_COMPLETED")
class CustomerInformationCompleted(Event):
    """N09/N10: every NotifyCustomerInformation part of request `request_id` arrived (emitted
    once); `length` is the assembled data's length in characters."""

    request_id: int
    parts: int
    length: int
