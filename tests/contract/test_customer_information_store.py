"""The customer-information store's contract, run against the memory twin and the SQL store
on SQLite and PostgreSQL: requestId allocation, outcomes and answers, parts (shuffled,
repeated, completion), the reads with their parts, and the removal audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from modules.customer_information import (
    CertificateHash,
    CustomerInformationStore,
    CustomerReference,
    PartRecord,
    RequestedInformation,
    Requester,
    SqlCustomerInformationStore,
)
from modules.customer_information.memory_store import MemoryCustomerInformationStore
from modules.customer_information.records import InformationAnswer, InformationPart, Removal
from tests.support.clock import NOW
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
TOKEN = CustomerReference(id_token="TOKEN-1", id_token_type="ISO14443")
CERTIFICATE = CustomerReference(customer_certificate=CertificateHash("SHA384", "aa", "bb", "01"))
REPORT = RequestedInformation(report=True, clear=False, customer=TOKEN)
CLEAR = RequestedInformation(report=False, clear=True, customer=CERTIFICATE, clear_csms_data=True)

store = store_fixture(
    lambda: MemoryCustomerInformationStore(["CS1", "CS2"]),
    SqlCustomerInformationStore,
    stations=("CS1", "CS2"),
)
"""An empty store; stations CS1 and CS2 exist."""


def answer(
    request_id: int, wanted: RequestedInformation, status: str, reason: str | None = None
) -> InformationAnswer:
    """A station's answer (additionalInfo "x" with a reason)."""
    return InformationAnswer(
        request_id=request_id,
        wanted=wanted,
        status=status,
        reason_code=reason,
        additional_info="x" if reason else None,
    )


def part(request_id: int, seq_no: int, tbc: bool, data: str) -> InformationPart:
    """A part generated at NOW."""
    return InformationPart(
        request_id=request_id, seq_no=seq_no, tbc=tbc, data=data, generated_at=NOW
    )


async def test_request_ids_are_allocated_per_station_and_recorded(
    store: CustomerInformationStore,
) -> None:
    assert await store.open_request("CS1", REPORT, NOW) == 1
    assert await store.open_request("CS1", CLEAR, NOW) == 2
    assert await store.open_request("CS2", REPORT, NOW) == 1
    assert await store.open_request("CS-UNKNOWN", REPORT, NOW) is None

    first = await store.request("CS1", 1)
    second = await store.request("CS1", 2)
    assert first is not None and second is not None
    assert (first.wanted, first.requested_at, first.outcome, first.parts) == (REPORT, NOW, None, ())
    assert second.wanted == CLEAR
    assert await store.request("CS1", 3) is None


async def test_outcomes_and_answers_are_recorded(store: CustomerInformationStore) -> None:
    await store.open_request("CS1", REPORT, NOW)
    await store.open_request("CS1", REPORT, NOW)
    await store.record_outcome("CS1", 1, "TIMEOUT", None)
    await store.record_answer("CS1", answer(2, REPORT, "Rejected", "Busy"), LATER)
    # a request sent some other way (sendCall) gets its row with the answer
    await store.record_answer("CS1", answer(50, CLEAR, "Accepted"), LATER)

    timed_out, rejected, raw = [await store.request("CS1", n) for n in (1, 2, 50)]
    assert timed_out is not None and (timed_out.outcome, timed_out.status) == ("TIMEOUT", None)
    assert rejected is not None
    assert (rejected.outcome, rejected.status, rejected.reason_code, rejected.answered_at) == (
        "RESULT",
        "Rejected",
        "Busy",
        LATER,
    )
    assert rejected.additional_info == "x"
    assert raw is not None and (raw.wanted, raw.status, raw.requested_at) == (
        CLEAR,
        "Accepted",
        LATER,
    )


async def test_shuffled_and_repeated_parts_are_stored_once_and_complete_once(
    store: CustomerInformationStore,
) -> None:
    await store.open_request("CS1", REPORT, NOW)

    outcomes = [
        await store.receive_part("CS1", part(1, seq_no, tbc, data), LATER)
        for seq_no, tbc, data in [(2, False, "C"), (0, True, "A"), (0, True, "A2"), (1, True, "B")]
    ]

    assert [(o.duplicate, o.completed) for o in outcomes] == [
        (False, False),
        (False, False),
        (True, False),
        (False, True),
    ]
    record = await store.request("CS1", 1)
    assert record == outcomes[-1].record
    assert record is not None
    assert record.parts == tuple(
        PartRecord(seq_no=n, tbc=n != 2, data=d, generated_at=NOW, received_at=LATER)
        for n, d in [(0, "A"), (1, "B"), (2, "C")]
    )
    assert (record.data, record.final_seq_no, record.completed_at, record.last_part_at) == (
        "ABC",
        2,
        LATER,
        LATER,
    )
    again = await store.receive_part("CS1", part(1, 2, False, "C"), LATER)
    assert (again.duplicate, again.completed) == (True, False)


async def test_parts_before_any_record_start_at_the_lowest_then_the_answer_fills_in(
    store: CustomerInformationStore,
) -> None:
    first = await store.receive_part("CS2", part(9, 3, True, "x"), NOW)
    last = await store.receive_part("CS2", part(9, 4, False, "y"), NOW)
    await store.record_answer("CS2", answer(9, REPORT, "Accepted"), LATER)

    assert first.record.wanted is None and not first.completed
    assert last.completed
    record = await store.request("CS2", 9)
    assert record is not None and (record.wanted, record.data) == (REPORT, "xy")


async def test_requests_read_newest_first_with_their_parts(store: CustomerInformationStore) -> None:
    for _ in range(3):
        await store.open_request("CS1", REPORT, NOW)
    await store.open_request("CS2", REPORT, NOW)
    await store.receive_part("CS1", part(2, 0, False, "only"), LATER)

    page = await store.requests("CS1", 10, None)

    assert [record.request_id for record in page] == [3, 2, 1]
    assert [record.data for record in page] == ["", "only", ""]
    assert await store.requests("CS1", 2, None) == page[:2]
    assert await store.requests("CS1", 10, page[0].row_id) == page[1:]


async def test_removals_are_audited_newest_first(store: CustomerInformationStore) -> None:
    removal = Removal(
        station_id="CS1",
        request_id=1,
        customer=TOKEN,
        removed=("id token TOKEN-1 (ISO14443): its id-token registry entry",),
        requester=Requester(actor="admin", client_address="127.0.0.1", requested_by="ticket 7"),
        removed_at=NOW,
    )
    first = await store.add_removal(removal)
    second = await store.add_removal(
        replace(
            removal,
            station_id="CS2",
            customer=CERTIFICATE,
            removed=(),
            requester=Requester(actor="admin"),
        )
    )

    everything = await store.removals(None, 10, None)

    assert [view.id for view in everything] == [second, first]
    (older,) = await store.removals("CS1", 10, None)
    assert (older.customer, older.removed, older.requester, older.removed_at) == (
        TOKEN,
        removal.removed,
        removal.requester,
        NOW,
    )
    assert everything[0].customer == CERTIFICATE and everything[0].removed == ()
    assert await store.removals(None, 10, second) == everything[1:]
    assert await store.removals(None, 1, None) == everything[:1]
