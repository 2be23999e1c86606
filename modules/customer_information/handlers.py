"""NotifyCustomerInformation from stations (N09/N10): each part stored once as it arrives,
in the call's transaction; CUSTOMER_INFORMATION_COMPLETED goes out after the commit."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from modules.customer_information.events import CustomerInformationCompleted
from modules.customer_information.policy import storable_int
from modules.customer_information.records import InformationPart
from modules.customer_information.store import CustomerInformationStore
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import parse_ocpp_datetime


class CustomerInformationHandlers(OnStore[CustomerInformationStore]):
    """The customer-information block's answers to station calls, on its store."""

    async def notify_customer_information(
        self, ctx: HandlerContext, request: call.NotifyCustomerInformation
    ) -> call_result.NotifyCustomerInformation:
        """N09.FR.05/06, N10.FR.03/04/06: store the part (a repeated seqNo only once, parts in
        any order) and answer; emit CUSTOMER_INFORMATION_COMPLETED when the part completes its
        request. A negative seqNo is PropertyConstraintViolation; NUL characters, integers past 32
        bits and date-times out of range the kernel refuses before dispatch."""
        part = InformationPart(
            request_id=storable_int("requestId", request.request_id),
            seq_no=storable_int("seqNo", request.seq_no, lowest=0),
            tbc=bool(request.tbc),
            data=request.data,
            generated_at=parse_ocpp_datetime(request.generated_at),
        )
        outcome = await self._store.receive_part(ctx.station_id, part, ctx.now)
        if outcome.completed:
            record = outcome.record
            ctx.emit(
                CustomerInformationCompleted(
                    **ctx.origin,
                    request_id=record.request_id,
                    parts=len(record.parts),
                    length=len(record.data),
                )
            )
        return call_result.NotifyCustomerInformation()
