"""What the reservations block needs from another block, as a port the composition root
fills: the group id token of a presented id token (the authorization block's registry, as
Authorize answers it, H03.FR.07/08)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class GroupedToken(Protocol):
    """What a token decision tells this block: the token's group id token, if any."""

    @property
    def group_id_token(self) -> str | None:
        """The group id token the registry entry names."""
        ...

    @property
    def group_id_token_type(self) -> str | None:
        """Its type."""
        ...


class TokenAuthority(Protocol):
    """Decides an id token as Authorize does; this block reads the token's group."""

    async def decide(
        self, value: str, kind: str, now: datetime, unknown_status: str
    ) -> GroupedToken:
        """The decision for token `value` of type `kind` at `now`."""
        ...
