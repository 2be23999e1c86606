"""The envelope every message on the module bus travels in."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson


class Kind(StrEnum):
    """What an envelope carries."""

    STATION_CALL = "station_call"  # a validated CALL from a station, gateway -> worker
    STATION_REPLY = "station_reply"  # the answer to a station CALL, worker -> gateway node
    CSMS_CALL = "csms_call"  # an operator command for a station, asking node -> station's node
    CSMS_RESULT = "csms_result"  # the station's answer to a CSMS CALL, -> asking node
    CONNECTED = "connected"  # a station's websocket opened on `node_id`
    DISCONNECTED = "disconnected"  # a station's websocket closed on `node_id`
    REPLACED = "replaced"  # the station reconnected to another node: close the old socket


class Outcome(StrEnum):
    """How a CSMS CALL ended."""

    RESULT = "RESULT"
    CALL_ERROR = "CALL_ERROR"
    OFFLINE = "OFFLINE"
    TIMEOUT = "TIMEOUT"


@dataclass(slots=True)
class Envelope:
    """One bus message; which fields matter depends on `kind`."""

    kind: Kind
    station_id: str
    message_id: str = ""
    action: str = ""
    payload: dict[str, Any] | None = None
    reply_to: str = ""
    outcome: Outcome | None = None
    error_code: str = ""
    error_description: str = ""
    error_details: dict[str, Any] = field(default_factory=dict)
    request: dict[str, Any] | None = None
    timeout: float = 0.0
    node_id: str = ""
    connection_id: str = ""

    def to_bytes(self) -> bytes:
        """Serialise for the bus: every field, in declaration order, as one JSON array.

        Positional both ways is half the cost of a JSON object and keyword arguments, and
        each station CALL puts two envelopes on the bus. New fields go at the end: a shorter
        array from an older node then reads with the new fields at their defaults.
        """
        return orjson.dumps(
            (
                self.kind,
                self.station_id,
                self.message_id,
                self.action,
                self.payload,
                self.reply_to,
                self.outcome,
                self.error_code,
                self.error_description,
                self.error_details,
                self.request,
                self.timeout,
                self.node_id,
                self.connection_id,
            )
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        """Deserialise from the bus (the array form, or the object form older nodes wrote)."""
        raw = orjson.loads(data)
        if isinstance(raw, dict):
            return cls._from_object(raw)
        raw[0] = _KINDS[raw[0]]
        if len(raw) > 6 and raw[6] is not None:  # 6: outcome
            raw[6] = _OUTCOMES[raw[6]]
        return cls(*raw)

    @classmethod
    def _from_object(cls, raw: dict[str, Any]) -> Envelope:
        raw["kind"] = _KINDS[raw["kind"]]
        outcome = raw.get("outcome")
        if outcome is not None:
            raw["outcome"] = _OUTCOMES[outcome]
        return cls(**raw)


_KINDS = {kind.value: kind for kind in Kind}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
