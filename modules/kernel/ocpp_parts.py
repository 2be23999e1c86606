"""What several blocks read from and write into OCPP messages alike: an EVSE (and connector)
from ids and back, a status answer's status and statusInfo as the fields of the event that
reports it, and the digest that keys a part of a multi-part message without a seqNo."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from hashlib import blake2b
from typing import Protocol, TypedDict

from ocpp.v201 import datatypes

from modules.kernel.events import Event


def evse_of(evse_id: int | None, connector_id: int | None) -> datatypes.EVSEType | None:
    """The OCPP EVSE of `evse_id` (and `connector_id`), or None without an EVSE id."""
    if evse_id is None:
        return None
    return datatypes.EVSEType(id=evse_id, connector_id=connector_id)


def evse_ids(evse: datatypes.EVSEType | None) -> tuple[int | None, int | None]:
    """The EVSE id and connector id of an OCPP EVSE (both None without one)."""
    if evse is None:
        return None, None
    return evse.id, evse.connector_id


class StatusAnswer(Protocol):
    """A CSMS call's answer with a status and an optional statusInfo."""

    @property
    def status(self) -> enum.Enum:
        """The station's status."""
        ...

    @property
    def status_info(self) -> datatypes.StatusInfoType | None:
        """Why, when the station says."""
        ...


class AnswerFields(TypedDict):
    """The fields of an `Answered` event that come from the answer."""

    status: str
    reason_code: str | None
    additional_info: str | None


def answer_fields(response: StatusAnswer) -> AnswerFields:
    """The answer's status and its statusInfo's reasonCode and additionalInfo."""
    info = response.status_info
    return AnswerFields(
        status=response.status.value,
        reason_code=info.reason_code if info else None,
        additional_info=info.additional_info if info else None,
    )


@dataclass(frozen=True, slots=True)
class StationAnswer:
    """A station's status answer as a block stores it: the status and its statusInfo's
    reasonCode."""

    status: str
    reason: str | None = None

    @property
    def accepted(self) -> bool:
        """Whether the status is Accepted."""
        return self.status == "Accepted"

    @classmethod
    def of(cls, fields: AnswerFields) -> StationAnswer:
        """The stored form of an answer's `answer_fields`."""
        return cls(fields["status"], fields["reason_code"])


@dataclass(frozen=True, slots=True, kw_only=True)
class Answered(Event):
    """An event reporting a station's answer to a CSMS call: its status and statusInfo
    (subclasses add what was asked)."""

    status: str
    reason_code: str | None = None
    additional_info: str | None = None


def part_digest(key: str) -> int:
    """A signed 64-bit digest of what tells a message part from its request's other parts
    (the BIGINT a part table's unique index holds)."""
    digest = blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
