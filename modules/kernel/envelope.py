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
        """Serialise for the bus: fields at their default are left out (they come back as
        defaults), and orjson reads the payload in place, without a deep copy."""
        # One plain test per field: a loop over the fields with getattr cost twice as much,
        # and every station CALL and every reply is serialised once.
        data: dict[str, Any] = {"kind": self.kind, "station_id": self.station_id}
        if self.message_id:
            data["message_id"] = self.message_id
        if self.action:
            data["action"] = self.action
        if self.payload is not None:
            data["payload"] = self.payload
        if self.reply_to:
            data["reply_to"] = self.reply_to
        if self.outcome is not None:
            data["outcome"] = self.outcome
        if self.error_code:
            data["error_code"] = self.error_code
        if self.error_description:
            data["error_description"] = self.error_description
        if self.error_details:
            data["error_details"] = self.error_details
        if self.request is not None:
            data["request"] = self.request
        if self.timeout:
            data["timeout"] = self.timeout
        if self.node_id:
            data["node_id"] = self.node_id
        if self.connection_id:
            data["connection_id"] = self.connection_id
        return orjson.dumps(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        """Deserialise from the bus."""
        raw = orjson.loads(data)
        raw["kind"] = _KINDS[raw["kind"]]
        outcome = raw.get("outcome")
        if outcome is not None:
            raw["outcome"] = _OUTCOMES[outcome]
        return cls(**raw)


_KINDS = {kind.value: kind for kind in Kind}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
