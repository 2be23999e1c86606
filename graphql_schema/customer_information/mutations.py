"""The customerInformation mutation (N09/N10): arguments to the block's workflow (which
allocates the requestId), its outcome to a GraphQL type."""

from __future__ import annotations

import strawberry

from graphql_schema.common import commands
from graphql_schema.common.commands import StationCall
from graphql_schema.common.errors import refusals_as_input_errors
from graphql_schema.common.fields import mutation
from graphql_schema.customer_information.types import (
    CertificateHashDataInput,
    CustomerDataRemoval,
    CustomerIdTokenInput,
    CustomerInformationRequest,
    CustomerInformationResult,
    customer_of,
)
from modules import customer_information
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import OcppError

ANONYMOUS = "unknown"
"""The actor recorded if no caller is known (the guard refuses such operations first)."""


@strawberry.type
class CustomerInformationMutation:
    """Customer-information commands (block N: N09, N10)."""

    @mutation(
        "N09/N10: ask the station to report and/or clear what it holds about one customer "
        "(exactly one of idToken, customerIdentifier, customerCertificate), under a requestId "
        "the CSMS allocates; the NotifyCustomerInformation parts are assembled on the request "
        "(`customerInformationRequest`). clearCsmsData (with clear) also removes what the CSMS "
        "holds about the customer (an id token's registry entry and its local-list entries) "
        "and records who asked (`requestedBy`, a note) in `customerDataRemovals`."
    )
    async def customer_information(
        self,
        call: StationCall,
        report: bool,
        clear: bool,
        id_token: CustomerIdTokenInput | None = None,
        customer_identifier: str | None = None,
        customer_certificate: CertificateHashDataInput | None = None,
        clear_csms_data: bool = False,
        requested_by: str | None = None,
    ) -> CustomerInformationResult:
        """N09/N10: allocate a requestId, record the request, send it."""
        customer = customer_of(id_token, customer_identifier, customer_certificate)
        caller = call.info.context.caller
        requester = customer_information.Requester(
            actor=caller.name[:64] if caller is not None else ANONYMOUS,  # its column: 64
            client_address=call.info.context.request.remote,
            requested_by=requested_by,
        )
        with refusals_as_input_errors(InvalidCommand, OcppError):
            order = customer_information.customer_information(
                report, clear, customer, clear_csms_data
            )
            done = await call.block(customer_information.CustomerInformationRequests).request(
                call.station_id, order, requester, call.timeout
            )
        result = done.result
        return CustomerInformationResult(
            **commands.call_fields(result),
            **commands.status_fields(result.response),
            request_id=done.request_id,
            request=CustomerInformationRequest.of(done.record) if done.record else None,
            removal=CustomerDataRemoval.of(done.removal) if done.removal else None,
        )
