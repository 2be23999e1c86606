"""The in-memory twin of the authorization store (for unit tests of handlers, commands and
queries); `tests/contract/test_authorization_store.py` keeps it behaving like the SQL one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from modules.authorization.policy import KnownToken, TokenKey
from modules.authorization.store import IdTokenRecord


@dataclass(frozen=True, slots=True)
class Charging:
    """An active transaction: where, started with which token, of which group."""

    station_id: str
    value: str
    type: str
    group_id_token: str | None = None


class MemoryAuthorizationStore:
    """The registry as a dict keyed by (value, type); `charging` stands for the active
    transactions (the transactions block's table)."""

    def __init__(self, now: datetime | None = None) -> None:
        self.tokens: dict[TokenKey, IdTokenRecord] = {}
        self.charging: list[Charging] = []
        self._now = now or datetime(2026, 1, 1, tzinfo=UTC)
        self._next_id = 1

    def records(self) -> list[IdTokenRecord]:
        """Every stored token in id order."""
        return sorted(self.tokens.values(), key=lambda record: record.id)

    def _store(self, value: str, kind: str, token: KnownToken, now: datetime) -> IdTokenRecord:
        old = self.tokens.get((value, kind))
        if old is None:
            record_id, self._next_id = self._next_id, self._next_id + 1
        else:
            record_id = old.id
        record = IdTokenRecord(value, kind, record_id, token, now)
        self.tokens[(value, kind)] = record
        return record

    async def find_token(self, value: str, kind: str) -> IdTokenRecord | None:
        """Exact lookup."""
        return self.tokens.get((value, kind))

    async def tokens_by_keys(self, keys: Collection[TokenKey]) -> dict[TokenKey, IdTokenRecord]:
        """Exact lookups."""
        return {key: self.tokens[key] for key in set(keys) if key in self.tokens}

    async def tokens_by_ids(self, ids: Collection[int]) -> list[IdTokenRecord]:
        """A scan."""
        wanted = set(ids)
        return [record for record in self.tokens.values() if record.id in wanted]

    async def charging_elsewhere(
        self, station_id: str, value: str, kind: str, group_id_token: str | None
    ) -> bool:
        """A scan of `charging`."""
        return any(
            tx.station_id != station_id
            and (
                (tx.value, tx.type) == (value, kind)
                or (group_id_token is not None and tx.group_id_token == group_id_token)
            )
            for tx in self.charging
        )

    async def upsert_token(
        self, value: str, kind: str, token: KnownToken
    ) -> tuple[IdTokenRecord | None, IdTokenRecord]:
        """Replace the entry."""
        old = self.tokens.get((value, kind))
        return old, self._store(value, kind, token, self._now)

    async def import_tokens(
        self, tokens: Sequence[tuple[str, str, KnownToken]], now: datetime
    ) -> None:
        """Replace the entries."""
        for value, kind, token in tokens:
            self._store(value, kind, token, now)

    async def token_ids(self, value: str, kind: str) -> list[int]:
        """The entry's id, if any."""
        record = self.tokens.get((value, kind))
        return [record.id] if record is not None else []

    async def delete_tokens(self, ids: Collection[int]) -> int:
        """Drop the entries."""
        doomed = [key for key, record in self.tokens.items() if record.id in set(ids)]
        for key in doomed:
            del self.tokens[key]
        return len(doomed)

    async def page(
        self, search: str | None, status: str | None, after_id: int | None, limit: int
    ) -> list[IdTokenRecord]:
        """Filter the records in id order."""
        found = [
            record
            for record in self.records()
            if (not search or search.lower() in record.value.lower())
            and (status is None or record.token.status == status)
            and (after_id is None or record.id > after_id)
        ]
        return found[:limit]
