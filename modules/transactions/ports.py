"""What the transactions block needs from other blocks, as ports the composition root fills:
the id-token decision (the authorization block's registry, as Authorize decides), whether
the CSMS asked for a transaction (the remote-control block's RequestStartTransaction), and
the transaction's cost and tariff text (the tariffs block)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from ocpp.v201 import datatypes


@dataclass(frozen=True, slots=True)
class TokenDecision:
    """The idTokenInfo for a token, whether the registry knows the token, and the group id
    token its registry entry names (if any)."""

    info: datatypes.IdTokenInfoType
    known: bool
    group_id_token: str | None = None
    group_id_token_type: str | None = None


class DecidedToken(Protocol):
    """What a token decision tells this block, whichever block made it."""

    @property
    def info(self) -> datatypes.IdTokenInfoType:
        """The idTokenInfo to answer."""
        ...

    @property
    def known(self) -> bool:
        """Whether the registry has the token."""
        ...

    @property
    def group_id_token(self) -> str | None:
        """The group id token the registry entry names."""
        ...

    @property
    def group_id_token_type(self) -> str | None:
        """Its type."""
        ...


class TokenAuthority(Protocol):
    """Decides an id token as Authorize does (C01-C09: stored token, its group's status)."""

    async def decide(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> DecidedToken:
        """The decision for token `value` of type `kind` at `now`; `unknown_status` is what
        an unknown token is answered (Unknown or Invalid)."""
        ...


class RemoteStarts(Protocol):
    """The RequestStartTransactions the CSMS sent (F01/F02)."""

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """Whether the CSMS asked `station_id` to start `remote_start_id` with this token."""
        ...


class DriverText(Protocol):
    """A driver-facing text and its language."""

    @property
    def content(self) -> str:
        """The text."""
        ...

    @property
    def language(self) -> str | None:
        """Its language (RFC 5646), if known."""
        ...


class QuotedCost(Protocol):
    """What a TransactionEventResponse carries about cost: the total to report (None: none
    this time) and the tariff text to show (None: nothing new)."""

    @property
    def total_cost(self) -> Decimal | None:
        """The running or final total cost."""
        ...

    @property
    def message(self) -> DriverText | None:
        """The driver's tariff text, when it is new to the station."""
        ...


class CostQuote(Protocol):
    """Prices a transaction at each of its events (I02/I03/I06), in the event's unit of work."""

    async def quote(
        self,
        *,
        station_id: str,
        transaction_id: str,
        event_type: str,
        timestamp: datetime,
        evse_id: int | None,
        id_token: str | None,
        group_id_token: str | None,
        charging_state: str | None,
        readings: Sequence[tuple[datetime, float]],
        started_at: datetime | None,
        ended_at: datetime | None,
        now: datetime,
    ) -> QuotedCost | None:
        """The cost fields of this event's response, None when the transaction has no tariff;
        `readings` are the event's energy register readings (time, Wh)."""
        ...


class NoCost:
    """The CostQuote of a CSMS without tariffs: no cost fields, ever."""

    async def quote(self, **_: object) -> None:
        """No cost."""
        return None
