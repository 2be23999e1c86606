"""Customer-information rules: what a request may ask (N09.FR.04, N09.FR.07/09, N10.FR.07/08),
when its parts are complete, where it stands, and what the CSMS can store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from modules.customer_information import (
    CertificateHash,
    CustomerReference,
    InformationRecord,
    PartRecord,
    State,
    state_of,
)
from modules.customer_information.policy import (
    check_request,
    complete,
    storable_int,
)
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from tests.support.clock import NOW

TOKEN = CustomerReference(id_token="TOKEN-1", id_token_type="ISO14443")
CERTIFICATE = CertificateHash("SHA256", "aa", "bb", "01")


@pytest.mark.parametrize(
    ("customer", "report", "clear", "csms", "field"),
    [
        (CustomerReference(), True, False, False, "idToken"),
        (replace(TOKEN, customer_identifier="C-1"), True, False, False, "customerIdentifier"),
        (
            CustomerReference(customer_identifier="C-1", customer_certificate=CERTIFICATE),
            True,
            False,
            False,
            "customerCertificate",
        ),
        (TOKEN, False, False, False, "report"),
        (TOKEN, True, False, True, "clearCsmsData"),
        (CustomerReference(customer_identifier="a\x00b"), True, False, False, "customerIdentifier"),
        (
            CustomerReference(customer_certificate=replace(CERTIFICATE, serial_number="\x00")),
            True,
            False,
            False,
            "customerCertificate.serialNumber",
        ),
    ],
)
def test_a_request_that_cannot_be_sent_names_the_argument(
    customer: CustomerReference, report: bool, clear: bool, csms: bool, field: str
) -> None:
    with pytest.raises(InvalidCommand) as refused:
        check_request(report, clear, customer, csms)
    assert refused.value.field == field


@pytest.mark.parametrize(
    "customer",
    [
        TOKEN,
        CustomerReference(customer_identifier=""),
        CustomerReference(customer_certificate=CERTIFICATE),
    ],
)
def test_exactly_one_reference_with_report_or_clear_passes(customer: CustomerReference) -> None:
    check_request(True, False, customer, False)
    check_request(False, True, customer, True)


@pytest.mark.parametrize(
    ("seq_nos", "final", "first", "done"),
    [
        ([2, 0, 1], 2, 0, True),
        ([2, 1], 2, 0, False),
        ([0, 1], None, 0, False),
        ([0], 0, 0, True),
        ([5, 6, 7], 7, None, True),
        ([7, 5], 7, None, False),
        ([], 0, 0, False),
    ],
)
def test_completion_needs_the_last_part_and_every_part_before_it(
    seq_nos: list[int], final: int | None, first: int | None, done: bool
) -> None:
    assert complete(seq_nos, final, first) is done


def _record(**fields: object) -> InformationRecord:
    return InformationRecord(row_id=1, station_id="CS1", request_id=1, **fields)  # type: ignore[arg-type]


PART = PartRecord(seq_no=0, tbc=True, data="x", generated_at=NOW, received_at=NOW)


@pytest.mark.parametrize(
    ("record", "state"),
    [
        (_record(), State.REQUESTED),
        (_record(outcome="TIMEOUT"), State.FAILED),
        (_record(outcome="OFFLINE"), State.FAILED),
        (_record(outcome="RESULT", status="Invalid"), State.REFUSED),
        (_record(outcome="RESULT", status="Accepted"), State.ACCEPTED),
        (_record(outcome="TIMEOUT", parts=(PART,)), State.RECEIVING),
        (_record(status="Accepted", parts=(PART,), completed_at=NOW), State.COMPLETED),
    ],
)
def test_the_state_of_a_request(record: InformationRecord, state: State) -> None:
    assert state_of(record) is state


def test_values_no_column_takes_are_property_violations() -> None:
    assert storable_int("seqNo", 2**31 - 1) == 2**31 - 1
    with pytest.raises(PropertyConstraintViolation):
        storable_int("seqNo", 2**31)
    with pytest.raises(PropertyConstraintViolation):
        storable_int("seqNo", -1, lowest=0)
