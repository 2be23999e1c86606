"""Customer information to stations (N09/N10): the request checked from an operator's
arguments, the workflow (allocate a requestId, record the request, remove what the CSMS holds
about the customer when asked, send, record the outcome), and the result handler that stores
the station's answer (in the answer's transaction; events go out after the commit)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ocpp.v201 import call, call_result, datatypes, enums

from modules.customer_information import policy
from modules.customer_information.events import CustomerInformationAnswered
from modules.customer_information.ports import DeleteIdToken
from modules.customer_information.records import (
    CertificateHash,
    CustomerReference,
    InformationAnswer,
    InformationRecord,
    Removal,
    RemovalView,
    RequestedInformation,
    Requester,
    removal_view,
)
from modules.customer_information.store import CustomerInformationStore
from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

PLACEHOLDER_REQUEST_ID = 0
"""Stands in for the requestId while the request is checked, before one is allocated."""


@dataclass(frozen=True, slots=True)
class CustomerInformationOrder:
    """A checked CustomerInformationRequest without its requestId (the workflow allocates
    it)."""

    wanted: RequestedInformation

    def request(self, request_id: int) -> call.CustomerInformation:
        """The request carrying `request_id`."""
        customer = self.wanted.customer
        id_token = None
        if customer.id_token is not None and customer.id_token_type is not None:
            id_token = datatypes.IdTokenType(
                id_token=customer.id_token, type=enums.IdTokenEnumType(customer.id_token_type)
            )
        certificate = None
        if customer.customer_certificate is not None:
            given = customer.customer_certificate
            certificate = datatypes.CertificateHashDataType(
                hash_algorithm=enums.HashAlgorithmEnumType(given.hash_algorithm),
                issuer_name_hash=given.issuer_name_hash,
                issuer_key_hash=given.issuer_key_hash,
                serial_number=given.serial_number,
            )
        return call.CustomerInformation(
            request_id=request_id,
            report=self.wanted.report,
            clear=self.wanted.clear,
            customer_certificate=certificate,
            id_token=id_token,
            customer_identifier=customer.customer_identifier,
        )


def customer_information(
    report: bool, clear: bool, customer: CustomerReference, clear_csms_data: bool = False
) -> CustomerInformationOrder:
    """N09/N10: the request for `customer`, checked against block N's rules (InvalidCommand)
    and the official schema (its OcppError) before anything is stored or sent."""
    policy.check_request(report, clear, customer, clear_csms_data)
    order = CustomerInformationOrder(
        RequestedInformation(
            report=report, clear=clear, customer=customer, clear_csms_data=clear_csms_data
        )
    )
    schemas.validate(
        "CustomerInformation", "Request", codec.encode(order.request(PLACEHOLDER_REQUEST_ID))
    )
    return order


def wanted_by(request: call.CustomerInformation) -> RequestedInformation:
    """What a CustomerInformationRequest asks (the CSMS-side removal is not part of it)."""
    token = request.id_token
    certificate = request.customer_certificate
    return RequestedInformation(
        report=request.report,
        clear=request.clear,
        customer=CustomerReference(
            id_token=token.id_token if token else None,
            id_token_type=token.type.value if token else None,
            customer_identifier=request.customer_identifier,
            customer_certificate=CertificateHash(
                hash_algorithm=certificate.hash_algorithm.value,
                issuer_name_hash=certificate.issuer_name_hash,
                issuer_key_hash=certificate.issuer_key_hash,
                serial_number=certificate.serial_number,
            )
            if certificate
            else None,
        ),
    )


@dataclass(frozen=True, slots=True)
class InformationOutcome:
    """How a request went: no `request_id` (nothing stored, sent or removed) for an unknown
    station; otherwise the call's result, the request as stored after it, and the removal
    of CSMS-held data when the operator asked for one."""

    result: CommandResult[call_result.CustomerInformation]
    request_id: int | None = None
    record: InformationRecord | None = None
    removal: RemovalView | None = None


class CustomerInformationRequests:
    """N09/N10 with requestIds this CSMS allocates: the request is recorded before it is
    sent, so its parts always find it."""

    def __init__(
        self,
        store: CustomerInformationStore,
        sender: CommandSender,
        delete_id_token: DeleteIdToken,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._delete_id_token = delete_id_token
        self._clock = clock

    async def request(
        self,
        station_id: str,
        order: CustomerInformationOrder,
        requester: Requester,
        timeout: float | None = None,
    ) -> InformationOutcome:
        """Allocate a requestId and record the request; remove the CSMS's own data about the
        customer when the order asks (whatever the station answers); send; record an outcome
        without an answer (the result handler records an answer)."""
        policy.check_requested_by(requester.requested_by)
        request_id = await self._store.open_request(station_id, order.wanted, self._clock())
        if request_id is None:
            return InformationOutcome(CommandResult(Outcome.OFFLINE))
        removal = None
        if order.wanted.clear_csms_data:
            removal = await self._remove(station_id, request_id, order.wanted.customer, requester)
        result = await send(
            self._sender,
            station_id,
            order.request(request_id),
            call_result.CustomerInformation,
            timeout,
        )
        if not result.answered:
            await self._store.record_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        record = await self._store.request(station_id, request_id)
        return InformationOutcome(result, request_id, record, removal)

    async def _remove(
        self, station_id: str, request_id: int, customer: CustomerReference, requester: Requester
    ) -> RemovalView:
        """N10: remove what the CSMS holds about the customer, and audit it. Only an id token
        keys anything the CSMS holds: its registry entry (and so its local-list entries,
        N10.FR.02). A customerIdentifier or certificate keys nothing; the audit says so."""
        removed: list[str] = []
        token, kind = customer.id_token, customer.id_token_type
        if token is not None and kind is not None and await self._delete_id_token(token, kind):
            removed.append(policy.id_token_removed(token, kind))
        removal = Removal(
            station_id=station_id,
            request_id=request_id,
            customer=customer,
            removed=tuple(removed),
            requester=requester,
            removed_at=self._clock(),
        )
        return removal_view(removal, await self._store.add_removal(removal))


class CustomerInformationResults(OnStore[CustomerInformationStore]):
    """The CustomerInformation result handler, on the block's store."""

    async def customer_information_result(
        self,
        ctx: HandlerContext,
        request: call.CustomerInformation,
        response: call_result.CustomerInformation,
    ) -> None:
        """N09/N10: store the station's answer (Accepted, Rejected, Invalid) on the request,
        which gets a row now if it was sent some other way (sendCall); emit
        CUSTOMER_INFORMATION_ANSWERED."""
        answer = answer_fields(response)
        await self._store.record_answer(
            ctx.station_id,
            InformationAnswer(request_id=request.request_id, wanted=wanted_by(request), **answer),
            ctx.now,
        )
        ctx.emit(
            CustomerInformationAnswered(
                **ctx.origin,
                request_id=request.request_id,
                report=request.report,
                clear=request.clear,
                **answer,
            )
        )
