"""Per-connection memory of station CALL ids: the ones being handled and the last answers.

Part 4 §4.1.4: a message id is unique per sender on one websocket, so the same id again is a
retransmission. Part 4 §4.2.3 names "an existing call with the same unique identifier is being
handled already" as a CALLERROR case; a repeat that arrives after the answer was sent gets that
answer again instead of a second run. Both memories are bounded whatever the station sends.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# A station SHALL have at most one CALL in flight (Part 4 §4.1.1). The gateway stops reading a
# station with this many in flight until one is answered (`full`), so its CALLs cannot pile up
# in the node; past it the oldest id would be forgotten (losing duplicate protection).
MAX_IN_FLIGHT = 32
# How many sent answers are kept per connection for replay to a repeated CALL.
MAX_ANSWERS = 16
# An id whose answer never came back (a lost reply) is treated as not in flight after this long,
# so a station retrying it is processed again rather than refused forever.
IN_FLIGHT_TTL_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """An answer frame already sent for a station CALL."""

    action: str | None
    message_type: int
    text: str


class CallIds:
    """The ids of one connection's station CALLs: in flight, and recently answered."""

    __slots__ = ("_answers", "_in_flight", "_max_answers", "_max_in_flight", "_ttl")

    def __init__(
        self,
        max_in_flight: int = MAX_IN_FLIGHT,
        max_answers: int = MAX_ANSWERS,
        ttl: float = IN_FLIGHT_TTL_SECONDS,
    ) -> None:
        self._in_flight: dict[str, float] = {}
        self._answers: dict[str, StoredAnswer] = {}
        self._max_in_flight = max_in_flight
        self._max_answers = max_answers
        self._ttl = ttl

    def in_flight(self, message_id: str) -> bool:
        """True when a CALL with this id is being handled now."""
        started = self._in_flight.get(message_id)
        if started is None:
            return False
        if time.monotonic() - started > self._ttl:
            del self._in_flight[message_id]
            return False
        return True

    def answered(self, message_id: str) -> StoredAnswer | None:
        """The answer already sent to a CALL with this id, if still remembered."""
        return self._answers.get(message_id)

    def start(self, message_id: str) -> None:
        """A CALL with this id was handed on for handling."""
        self._in_flight[message_id] = time.monotonic()
        if len(self._in_flight) > self._max_in_flight:
            del self._in_flight[next(iter(self._in_flight))]

    def count(self) -> int:
        """How many CALLs are in flight; ids older than the TTL (a lost answer) no longer count."""
        expired = time.monotonic() - self._ttl
        while self._in_flight:
            oldest, started = next(iter(self._in_flight.items()))
            if started >= expired:
                break
            del self._in_flight[oldest]
        return len(self._in_flight)

    def full(self) -> bool:
        """True when the most CALLs a station may have in flight here are in flight."""
        return len(self._in_flight) >= self._max_in_flight and self.count() >= self._max_in_flight

    def forget(self, message_id: str) -> None:
        """The CALL was not handed on after all (answered at once, to be retried as new)."""
        self._in_flight.pop(message_id, None)

    def finish(self, message_id: str, answer: StoredAnswer | None) -> None:
        """The answer was sent; remember it for replay unless `answer` is None (transient)."""
        self._in_flight.pop(message_id, None)
        if answer is None:
            return
        self._answers.pop(message_id, None)
        self._answers[message_id] = answer
        if len(self._answers) > self._max_answers:
            del self._answers[next(iter(self._answers))]

    def __len__(self) -> int:
        return len(self._in_flight) + len(self._answers)
