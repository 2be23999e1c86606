"""Customer-information rules (pure): what a CustomerInformationRequest may ask, when a
multi-part NotifyCustomerInformation is complete, where a request stands, and which station
values the CSMS can store."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from modules.customer_information.records import CustomerReference, InformationRecord
from modules.kernel.commands import InvalidCommand
from modules.kernel.errors import PropertyConstraintViolation
from modules.kernel.value_limits import INT_MAX, INT_MIN

"""The integers an integer column takes on both databases."""

MAX_REQUESTED_BY = 255

REFUSED = frozenset({"Rejected", "Invalid"})
FAILED = frozenset({"OFFLINE", "TIMEOUT", "CALL_ERROR"})


class State(StrEnum):
    """Where a customer-information request stands."""

    REQUESTED = "REQUESTED"  # sent (or parts seen), no answer yet
    FAILED = "FAILED"  # the station never answered: OFFLINE, TIMEOUT or CALL_ERROR
    REFUSED = "REFUSED"  # answered Rejected or Invalid
    ACCEPTED = "ACCEPTED"  # answered Accepted, no part yet
    RECEIVING = "RECEIVING"  # parts arrived, not all of them
    COMPLETED = "COMPLETED"  # the tbc=false part and every part before it arrived


def check_request(
    report: bool, clear: bool, customer: CustomerReference, clear_csms_data: bool
) -> None:
    """InvalidCommand naming the argument a CustomerInformationRequest cannot carry.

    Exactly one of idToken, customerIdentifier and customerCertificate (N09.FR.04,
    N10.FR.08; a station answers Invalid otherwise, N09.FR.09); report or clear set (a station
    should answer Rejected otherwise, N09.FR.07, N10.FR.07); clearCsmsData only with clear;
    no NUL character in a text the request row stores.
    """
    given = [
        name
        for name, value in (
            ("idToken", customer.id_token),
            ("customerIdentifier", customer.customer_identifier),
            ("customerCertificate", customer.customer_certificate),
        )
        if value is not None
    ]
    if not given:
        raise InvalidCommand(
            "idToken", "name the customer: idToken, customerIdentifier or customerCertificate"
        )
    if len(given) > 1:
        raise InvalidCommand(given[1], f"only one of {', '.join(given)} may be given")
    if not report and not clear:
        raise InvalidCommand("report", "report or clear must be true")
    if clear_csms_data and not clear:
        raise InvalidCommand("clearCsmsData", "needs clear: true")
    texts = [("idToken", customer.id_token), ("customerIdentifier", customer.customer_identifier)]
    certificate = customer.customer_certificate
    if certificate is not None:
        texts += [
            ("customerCertificate.issuerNameHash", certificate.issuer_name_hash),
            ("customerCertificate.issuerKeyHash", certificate.issuer_key_hash),
            ("customerCertificate.serialNumber", certificate.serial_number),
        ]
    for field, text in texts:
        if text is not None and "\x00" in text:
            raise InvalidCommand(field, "must not contain NUL characters")


def check_requested_by(requested_by: str | None) -> None:
    """InvalidCommand when the operator's note on a removal cannot be stored."""
    if requested_by is None:
        return
    if len(requested_by) > MAX_REQUESTED_BY:
        raise InvalidCommand("requestedBy", f"at most {MAX_REQUESTED_BY} characters")
    if "\x00" in requested_by:
        raise InvalidCommand("requestedBy", "must not contain NUL characters")


def complete(seq_nos: Collection[int], final_seq_no: int | None, first_seq_no: int | None) -> bool:
    """Whether the received `seq_nos` complete a request's parts: the part with tbc=false
    (`final_seq_no`) arrived, and every seqNo from the first to it. The first is 0 for a
    request this CSMS sent ("First message starts at 0"); for one it has no record of
    (`first_seq_no` None), the lowest received."""
    if final_seq_no is None or not seq_nos:
        return False
    received = set(seq_nos)
    first = min(received) if first_seq_no is None else first_seq_no
    return first <= final_seq_no and all(n in received for n in range(first, final_seq_no + 1))


def state_of(record: InformationRecord) -> State:
    """Where the request stands: its parts first, then the station's answer, then how the
    call ended."""
    if record.completed_at is not None:
        return State.COMPLETED
    if record.parts:
        return State.RECEIVING
    if record.status in REFUSED:
        return State.REFUSED
    if record.status is not None:
        return State.ACCEPTED
    if record.outcome in FAILED:
        return State.FAILED
    return State.REQUESTED


def id_token_removed(id_token: str, id_token_type: str) -> str:
    """The audit line for a removed id-token registry entry."""
    return (
        f"id token {id_token} ({id_token_type}): its id-token registry entry, and with it its "
        "entries in local authorization lists (new list versions, sent to their stations)"
    )


def storable_int(field: str, value: int, lowest: int = INT_MIN) -> int:
    """`value`, or PropertyConstraintViolation when no integer column takes it."""
    if not lowest <= value <= INT_MAX:
        raise PropertyConstraintViolation(f"{field}: {value} is out of range")
    return value
