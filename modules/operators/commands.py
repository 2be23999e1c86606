"""API tokens created, revoked and recognised, and the audit log written.

A token is recognised by the SHA-256 digest of its secret; a recognised token is remembered
on the node for `cache_seconds` (a bounded LRU), so a revocation reaches this node at once and
every other node within that time. Those holding a subscription open learn of a revocation
through `on_revoke` here and through their own periodic `active_token_ids` check elsewhere.
"""

from __future__ import annotations

import hmac
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from modules.operators.policy import BOOTSTRAP_ADMIN, check_name, digest, new_secret
from modules.operators.records import ApiToken, AuditEntry, Caller, NewApiToken, Role
from modules.operators.store import OperatorStore

MAX_DETAIL = 2000
"""The longest detail an audit entry keeps."""

CACHED_TOKENS = 10_000
"""The most recognised tokens a node remembers at once."""


class ApiTokens:
    """Creates, revokes and recognises API tokens; `admin_secret` (CSMS_ADMIN_TOKEN) is the
    bootstrap admin, never stored."""

    def __init__(
        self,
        store: OperatorStore,
        now: Callable[[], datetime],
        admin_secret: str,
        cache_seconds: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._now = now
        self._admin = admin_secret.encode()
        self._cache_seconds = cache_seconds
        self._monotonic = monotonic
        self._known: OrderedDict[str, tuple[Caller, float]] = OrderedDict()
        self._revoked_listeners: list[Callable[[int], None]] = []

    def on_revoke(self, listener: Callable[[int], None]) -> None:
        """Call `listener(token_id)` whenever this node revokes a token."""
        self._revoked_listeners.append(listener)

    async def create(self, name: str, role: Role, by: Caller) -> NewApiToken:
        """A new token of `role` named `name`; its secret is returned this once."""
        checked = check_name(name)
        secret = new_secret()
        token = await self._store.add_token(checked, role, digest(secret), self._now(), by.name)
        return NewApiToken(token, secret)

    async def revoke(self, token_id: int) -> ApiToken | None:
        """Revoke a token (None: no such token); this node forgets it at once."""
        token = await self._store.revoke_token(token_id, self._now())
        if token is None:
            return None
        for key, (caller, _) in list(self._known.items()):
            if caller.token_id == token_id:
                del self._known[key]
        for listener in self._revoked_listeners:
            listener(token_id)
        return token

    async def caller(self, secret: str) -> Caller | None:
        """Who holds `secret`: the bootstrap admin, a token not revoked, or None."""
        if hmac.compare_digest(secret.encode(), self._admin):
            return Caller(None, BOOTSTRAP_ADMIN, Role.ADMIN)
        key = digest(secret)
        now = self._monotonic()
        known = self._known.get(key)
        if known is not None and known[1] > now:
            self._known.move_to_end(key)
            return known[0]
        token = await self._store.token_by_digest(key)
        if token is None or token.revoked_at is not None:
            self._known.pop(key, None)
            return None
        caller = Caller(token.id, token.name, token.role)
        self._known[key] = (caller, now + self._cache_seconds)
        self._known.move_to_end(key)
        while len(self._known) > CACHED_TOKENS:
            self._known.popitem(last=False)
        return caller

    async def active(self, token_ids: set[int]) -> set[int]:
        """Those of `token_ids` not revoked (read from the store)."""
        return await self._store.active_token_ids(token_ids)


class AuditLog:
    """Writes what API callers did."""

    def __init__(self, store: OperatorStore, now: Callable[[], datetime]) -> None:
        self._store = store
        self._now = now

    async def record(
        self,
        caller: Caller,
        action: str,
        station_id: str | None,
        outcome: str,
        detail: str | None = None,
    ) -> int:
        """One entry, stamped now; each text cut to what its column holds."""
        entry = AuditEntry(
            token_id=caller.token_id,
            actor=caller.name[:100],
            action=action[:64],
            station_id=None if station_id is None else station_id[:255],
            outcome=outcome[:40],
            detail=None if detail is None else detail[:MAX_DETAIL],
            at=self._now(),
        )
        return await self._store.add_audit(entry)
