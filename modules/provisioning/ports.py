"""What the boot configurator needs from the rest of the CSMS, wired by the composition root."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol

from modules.kernel.envelope import Outcome


class CommandAnswer(Protocol):
    """How a CSMS CALL ended and what the station said."""

    @property
    def outcome(self) -> Outcome:
        """RESULT, CALL_ERROR, OFFLINE or TIMEOUT."""
        ...

    @property
    def response(self) -> dict[str, Any] | None:
        """The CALLRESULT payload."""
        ...

    @property
    def error_code(self) -> str | None:
        """The CALLERROR code."""
        ...


class CommandPort(Protocol):
    """Sends a CSMS CALL to a station and awaits its answer (the api role's CallSender)."""

    async def send(
        self,
        station_id: str,
        action: str,
        payload: dict[str, Any],
        timeout: float | None = None,
    ) -> CommandAnswer:
        """Send one CALL and wait for its outcome."""
        ...


ReportOpener = Callable[[str, str, datetime], Awaitable[int | None]]
"""Allocates and records a GetBaseReport request id: (station, report base, now) -> id."""
