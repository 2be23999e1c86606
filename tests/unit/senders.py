"""A scripted stand-in for the CommandSender port that remembers every CALL it was given."""

from __future__ import annotations

from typing import Any

from modules.kernel.commands import CallOutcome


class RecordingSender:
    """Notes each CALL as (station, action, payload), then lets `answer` say how it went."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, Any]]] = []

    async def send(
        self, station_id: str, action: str, payload: dict[str, Any], timeout: float | None = None
    ) -> CallOutcome:
        """Remember the CALL and return the scripted outcome."""
        self.sent.append((station_id, action, payload))
        return await self.answer(station_id, action, payload)

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The outcome of one CALL (each test's sender says)."""
        raise NotImplementedError
