"""The customerInformation workflow and result handler on the memory store (N09/N10): the
request checked and schema-valid, its requestId allocated and recorded before sending, the
outcome recorded, the CSMS-side removal done and audited when asked, the answer stored."""

from __future__ import annotations

from typing import Any

import pytest
from ocpp.v201 import call, call_result, datatypes, enums

from modules.customer_information import (
    CertificateHash,
    CustomerInformationAnswered,
    CustomerInformationRequests,
    CustomerReference,
    Requester,
    State,
    customer_information,
    state_of,
)
from modules.customer_information.commands import CustomerInformationResults
from modules.customer_information.memory_store import MemoryCustomerInformationStore
from modules.kernel.commands import CallOutcome, InvalidCommand
from modules.kernel.envelope import Outcome
from modules.kernel.errors import OcppError
from modules.kernel.routing import HandlerContext
from tests.support.clock import NOW, STATION
from tests.unit.senders import RecordingSender

TOKEN = CustomerReference(id_token="TOKEN-1", id_token_type="ISO14443")
ADMIN = Requester(actor="admin", client_address="127.0.0.1", requested_by="ticket 42")


class Answering(RecordingSender):
    """Answers every CALL with one outcome."""

    def __init__(self, outcome: CallOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The scripted outcome."""
        return self.outcome


class Registry:
    """The id-token registry's delete, over a set of (value, type)."""

    def __init__(self, *tokens: tuple[str, str]) -> None:
        self.tokens = set(tokens)

    async def delete(self, value: str, kind: str) -> bool:
        """Remove the token; whether it was there."""
        if (value, kind) not in self.tokens:
            return False
        self.tokens.remove((value, kind))
        return True


def _workflow(
    outcome: CallOutcome, registry: Registry | None = None
) -> tuple[CustomerInformationRequests, MemoryCustomerInformationStore, Answering]:
    store = MemoryCustomerInformationStore([STATION])
    sender = Answering(outcome)
    delete = (registry or Registry()).delete
    return CustomerInformationRequests(store, sender, delete, lambda: NOW), store, sender


async def test_a_report_is_sent_under_an_allocated_request_id_tc_n_27() -> None:
    """TC_N_27_CSMS step 1 (N09.FR.01, N09.FR.04): report true and the customer's idToken."""
    workflow, _, sender = _workflow(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))

    done = await workflow.request(STATION, customer_information(True, False, TOKEN), ADMIN)

    assert sender.sent == [
        (
            STATION,
            "CustomerInformation",
            {
                "requestId": 1,
                "report": True,
                "clear": False,
                "idToken": {"idToken": "TOKEN-1", "type": "ISO14443"},
            },
        )
    ]
    assert done.request_id == 1 and done.removal is None
    assert done.result.response is not None
    assert done.result.response.status is enums.CustomerInformationStatusEnumType.accepted
    assert done.record is not None and done.record.wanted is not None
    assert done.record.wanted.customer == TOKEN


@pytest.mark.parametrize(
    ("outcome", "stored"),
    [
        (Outcome.TIMEOUT, "TIMEOUT"),
        (Outcome.OFFLINE, "OFFLINE"),
        (Outcome.CALL_ERROR, "CALL_ERROR"),
    ],
)
async def test_an_unanswered_request_records_its_outcome(outcome: Outcome, stored: str) -> None:
    workflow, _, _ = _workflow(CallOutcome(outcome))
    customer = CustomerReference(customer_identifier="OpenChargeAlliance")

    done = await workflow.request(STATION, customer_information(True, True, customer), ADMIN)

    assert done.record is not None
    assert (done.record.outcome, state_of(done.record)) == (stored, State.FAILED)


async def test_an_unknown_station_gets_nothing_sent_stored_or_removed() -> None:
    registry = Registry(("TOKEN-1", "ISO14443"))
    workflow, store, sender = _workflow(CallOutcome(Outcome.RESULT, {}), registry)

    done = await workflow.request(
        "CS-UNKNOWN", customer_information(True, True, TOKEN, True), ADMIN
    )

    assert (done.request_id, done.result.outcome, sender.sent, store.records) == (
        None,
        Outcome.OFFLINE,
        [],
        {},
    )
    assert registry.tokens == {("TOKEN-1", "ISO14443")}


async def test_clearing_with_csms_data_removes_the_token_and_audits_it_n10() -> None:
    registry = Registry(("TOKEN-1", "ISO14443"), ("OTHER", "ISO14443"))
    workflow, store, _ = _workflow(CallOutcome(Outcome.TIMEOUT), registry)

    done = await workflow.request(STATION, customer_information(False, True, TOKEN, True), ADMIN)

    assert registry.tokens == {("OTHER", "ISO14443")}
    removal = done.removal
    assert removal is not None
    assert (removal.station_id, removal.request_id, removal.customer) == (STATION, 1, TOKEN)
    assert removal.requester == ADMIN and removal.removed_at == NOW
    (line,) = removal.removed
    assert "TOKEN-1 (ISO14443)" in line and "local authorization lists" in line
    assert await store.removals(None, 10, None) == [removal]


async def test_a_reference_the_csms_keys_nothing_by_is_audited_as_nothing_removed() -> None:
    workflow, store, _ = _workflow(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    customer = CustomerReference(customer_identifier="OpenChargeAlliance")

    done = await workflow.request(STATION, customer_information(True, True, customer, True), ADMIN)

    assert done.removal is not None and done.removal.removed == ()
    assert len(store.audit) == 1


def test_requests_the_schema_refuses_are_refused_before_anything_is_stored() -> None:
    too_long = CustomerReference(customer_identifier="c" * 65)
    with pytest.raises(OcppError):
        customer_information(True, False, too_long)
    certificate = CertificateHash("SHA256", "a" * 129, "b", "c")
    with pytest.raises(OcppError):
        customer_information(True, False, CustomerReference(customer_certificate=certificate))
    with pytest.raises(InvalidCommand):
        customer_information(False, False, TOKEN)


async def test_a_requested_by_note_that_cannot_be_stored_is_refused() -> None:
    workflow, store, _ = _workflow(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    note = Requester(actor="admin", requested_by="x" * 256)
    with pytest.raises(InvalidCommand) as refused:
        await workflow.request(STATION, customer_information(True, True, TOKEN, True), note)
    assert refused.value.field == "requestedBy" and store.records == {}


async def test_the_result_handler_stores_the_answer_even_for_a_raw_send_call() -> None:
    store = MemoryCustomerInformationStore([STATION])
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    request = call.CustomerInformation(
        request_id=900,
        report=True,
        clear=True,
        customer_certificate=datatypes.CertificateHashDataType(
            hash_algorithm=enums.HashAlgorithmEnumType.sha256,
            issuer_name_hash="aa",
            issuer_key_hash="bb",
            serial_number="01",
        ),
    )
    response = call_result.CustomerInformation(
        status=enums.CustomerInformationStatusEnumType.invalid,
        status_info=datatypes.StatusInfoType(reason_code="NoCustomer"),
    )

    await CustomerInformationResults(store).customer_information_result(ctx, request, response)

    record = await store.request(STATION, 900)
    assert record is not None and record.wanted is not None
    assert record.wanted.customer.customer_certificate == CertificateHash(
        "SHA256", "aa", "bb", "01"
    )
    assert (record.status, record.reason_code, state_of(record)) == (
        "Invalid",
        "NoCustomer",
        State.REFUSED,
    )
    assert ctx.events == [
        CustomerInformationAnswered(
            station_id=STATION,
            occurred_at=NOW,
            status="Invalid",
            reason_code="NoCustomer",
            request_id=900,
            report=True,
            clear=True,
        )
    ]
