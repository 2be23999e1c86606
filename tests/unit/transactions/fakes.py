"""Memory twins of the transactions block's ports (token decisions, remote starts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ocpp.v201 import datatypes, enums

from modules.transactions import TokenDecision


@dataclass
class FakeTokenAuthority:
    """Decides from a dict of known tokens: (value, type) -> (status, group id token)."""

    known: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)
    asked: list[tuple[str, str]] = field(default_factory=list)

    async def decide(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> TokenDecision:
        """The known token's status and group, else `unknown_status`."""
        self.asked.append((value, kind))
        entry = self.known.get((value, kind))
        if entry is None:
            status = enums.AuthorizationStatusEnumType(unknown_status)
            return TokenDecision(info=datatypes.IdTokenInfoType(status=status), known=False)
        status_text, group = entry
        info = datatypes.IdTokenInfoType(
            status=enums.AuthorizationStatusEnumType(status_text),
            group_id_token=datatypes.IdTokenType(id_token=group, type=enums.IdTokenEnumType.central)
            if group
            else None,
        )
        return TokenDecision(
            info=info,
            known=True,
            group_id_token=group,
            group_id_token_type="Central" if group else None,
        )


@dataclass
class FakeRemoteStarts:
    """The RequestStartTransactions sent: (station, remoteStartId, token, type)."""

    sent: set[tuple[str, int, str, str]] = field(default_factory=set)

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether that request is in `sent`."""
        return (station_id, remote_start_id, id_token, id_token_type) in self.sent
