"""One charging session (an OCPP transaction) on one EVSE, and the TransactionEvents it sends."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from bench.sim import messages
from bench.sim.messages import Payload


@dataclass(slots=True)
class Transaction:
    """A running transaction: its id, sequence numbers and energy register."""

    evse_id: int
    connector_id: int
    token: Payload
    started_at: float
    energy_wh: float
    power_w: float
    remote_start_id: int | None = None
    own: bool = True
    ends_at: float = float("inf")
    transaction_id: str = ""
    seq_no: int = 0
    last_sample_at: float = 0.0

    def __post_init__(self) -> None:
        if not self.transaction_id:
            self.transaction_id = str(uuid.uuid4())
        self.last_sample_at = self.started_at

    def advance(self, now: float) -> float:
        """Move the energy register forward to `now` at the session's power; returns it (Wh)."""
        if now > self.last_sample_at:
            self.energy_wh += self.power_w * (now - self.last_sample_at) / 3600.0
            self.last_sample_at = now
        return self.energy_wh

    def _next_seq(self) -> int:
        seq = self.seq_no
        self.seq_no += 1
        return seq

    def started(self, timestamp: str) -> Payload:
        """TransactionEvent Started (seqNo 0, the EVSE, the id token, the opening register)."""
        remote = self.remote_start_id is not None
        return messages.transaction_event(
            "Started",
            timestamp,
            "RemoteStart" if remote else "Authorized",
            self._next_seq(),
            self.transaction_id,
            evse_id=self.evse_id,
            connector_id=self.connector_id,
            energy_wh=self.energy_wh,
            context="Transaction.Begin",
            token=self.token,
            charging_state="Charging",
            remote_start_id=self.remote_start_id,
        )

    def updated(self, timestamp: str, now: float, trigger: str = "MeterValuePeriodic") -> Payload:
        """TransactionEvent Updated with the current register."""
        context = "Trigger" if trigger == "Trigger" else "Sample.Periodic"
        return messages.transaction_event(
            "Updated",
            timestamp,
            trigger,
            self._next_seq(),
            self.transaction_id,
            energy_wh=self.advance(now),
            context=context,
        )

    def ended(self, timestamp: str, now: float, trigger: str, reason: str) -> Payload:
        """TransactionEvent Ended with the closing register and the stop reason."""
        return messages.transaction_event(
            "Ended",
            timestamp,
            trigger,
            self._next_seq(),
            self.transaction_id,
            energy_wh=self.advance(now),
            context="Transaction.End",
            charging_state="Idle",
            stopped_reason=reason,
        )
