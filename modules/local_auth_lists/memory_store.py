"""The in-memory twin of the local-lists store (for unit tests of the publisher, commands and
queries); `tests/contract/test_local_auth_lists_store.py` keeps it behaving like the SQL one.
The registry it joins is a `MemoryAuthorizationStore`; stations and device-model limits are
dicts the test fills."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from modules.authorization import MemoryAuthorizationStore, TokenKey
from modules.local_auth_lists.list_plan import Removal
from modules.local_auth_lists.policy import LimitVariable
from modules.local_auth_lists.store import (
    Answer,
    EntryView,
    ListedToken,
    ListRecord,
    ListView,
    Reported,
    StationListState,
    StationListView,
    note_answer,
    note_version,
)


@dataclass(slots=True)
class _Assignment:
    id: int
    list_id: int
    acknowledged_version: int | None = None
    delivering_version: int | None = None
    last_status: str | None = None
    last_attempt_at: datetime | None = None


@dataclass(slots=True)
class _Entry:
    id: int
    token_id: int
    changed_version: int


@dataclass(frozen=True, slots=True)
class StationState:
    """What the station table says: connected, and the registration status of its boot."""

    online: bool = True
    registration_status: str = "Accepted"


class MemoryLocalListStore:
    """Lists, entries, removals and assignments in dicts."""

    def __init__(self, registry: MemoryAuthorizationStore, now: datetime | None = None) -> None:
        self.registry = registry
        self.stations: dict[str, StationState] = {}
        self.variables: dict[str, list[LimitVariable]] = {}
        self._now = now or datetime(2026, 1, 1, tzinfo=UTC)
        self._lists: dict[int, ListRecord] = {}
        self._entries: dict[int, list[_Entry]] = {}
        self._removals: dict[int, list[Removal]] = {}
        self._assignments: dict[str, _Assignment] = {}
        self._ids = 0

    def _next(self) -> int:
        self._ids += 1
        return self._ids

    async def find_list(self, name: str) -> ListRecord | None:
        """A scan."""
        return next((r for r in self._lists.values() if r.name == name), None)

    async def create_list(self, name: str, version: int) -> ListRecord:
        """A new record."""
        record = ListRecord(self._next(), name, version, self._now)
        self._lists[record.id] = record
        self._entries[record.id] = []
        self._removals[record.id] = []
        return record

    async def delete_list(self, name: str) -> bool:
        """Drop the list and what cascades."""
        found = await self.find_list(name)
        if found is None:
            return False
        del self._lists[found.id]
        self._assignments = {s: a for s, a in self._assignments.items() if a.list_id != found.id}
        return True

    async def lists_by_ids(self, list_ids: Collection[int]) -> list[ListRecord]:
        """Lookups in id order."""
        return [self._lists[i] for i in sorted(set(list_ids)) if i in self._lists]

    async def registry_ids(self, keys: Sequence[TokenKey]) -> dict[TokenKey, int]:
        """Lookups in the registry."""
        return {key: self.registry.tokens[key].id for key in keys if key in self.registry.tokens}

    async def bump_version(self, list_id: int) -> int:
        """One more."""
        record = self._lists[list_id]
        self._lists[list_id] = replace(record, version=record.version + 1)
        return record.version + 1

    async def raise_version(self, list_id: int, at_least: int) -> int:
        """The higher of the two."""
        record = self._lists[list_id]
        if record.version < at_least:
            self._lists[list_id] = replace(record, version=at_least)
        return self._lists[list_id].version

    async def put_entries(self, list_id: int, token_ids: Iterable[int], version: int) -> None:
        """Refresh or append."""
        entries = self._entries[list_id]
        for token_id in token_ids:
            entry = next((e for e in entries if e.token_id == token_id), None)
            if entry is None:
                entries.append(_Entry(self._next(), token_id, version))
            else:
                entry.changed_version = version

    async def remove_entries(self, list_id: int, keys: Iterable[TokenKey], version: int) -> None:
        """Drop entries, record removals."""
        for key in keys:
            record = self.registry.tokens.get(key)
            if record is None:
                continue
            before = len(self._entries[list_id])
            self._entries[list_id] = [e for e in self._entries[list_id] if e.token_id != record.id]
            if len(self._entries[list_id]) < before:
                self._removals[list_id].append(Removal(key[0], key[1], version))

    async def station_exists(self, station_id: str) -> bool:
        """In `stations`."""
        return station_id in self.stations

    async def assign(self, station_id: str, list_id: int) -> None:
        """Create or move the assignment."""
        current = self._assignments.get(station_id)
        if current is None:
            self._assignments[station_id] = _Assignment(self._next(), list_id)
        elif current.list_id != list_id:
            current.list_id = list_id
            current.acknowledged_version = None
            current.delivering_version = None
            current.last_status = None

    async def unassign(self, station_id: str) -> bool:
        """Drop the assignment."""
        return self._assignments.pop(station_id, None) is not None

    async def stations_of(self, list_ids: Iterable[int]) -> list[str]:
        """A scan."""
        ids = set(list_ids)
        return sorted(s for s, a in self._assignments.items() if a.list_id in ids)

    def _members_of(self, keys: Collection[TokenKey]) -> list[int]:
        return [
            r.id
            for r in self.registry.records()
            if r.token.group is not None and (r.token.group.id_token, r.token.group.type) in keys
        ]

    async def _bump_entries(self, token_ids: Iterable[int]) -> set[int]:
        ids = set(token_ids)
        changed: set[int] = set()
        for list_id in sorted(self._lists):
            holding = [e for e in self._entries[list_id] if e.token_id in ids]
            if holding:
                version = await self.bump_version(list_id)
                for entry in holding:
                    entry.changed_version = version
                changed.add(list_id)
        return changed

    def _keys_of(self, token_ids: Sequence[int]) -> dict[int, TokenKey]:
        wanted = set(token_ids)
        return {r.id: r.key for r in self.registry.records() if r.id in wanted}

    async def tokens_changed(self, token_ids: Sequence[int]) -> set[int]:
        """Bump the lists holding the tokens or their groups' members."""
        if not token_ids:
            return set()
        members = self._members_of(set(self._keys_of(token_ids).values()))
        return await self._bump_entries([*token_ids, *members])

    async def tokens_deleting(self, token_ids: Sequence[int]) -> set[int]:
        """Removals, then members' lists."""
        if not token_ids:
            return set()
        keys = self._keys_of(token_ids)
        changed: set[int] = set()
        for list_id in sorted(self._lists):
            holding = [e for e in self._entries[list_id] if e.token_id in keys]
            if not holding:
                continue
            version = await self.bump_version(list_id)
            self._entries[list_id] = [e for e in self._entries[list_id] if e not in holding]
            for entry in holding:
                value, kind = keys[entry.token_id]
                self._removals[list_id].append(Removal(value, kind, version))
            changed.add(list_id)
        members = [m for m in self._members_of(set(keys.values())) if m not in keys]
        return changed | await self._bump_entries(members)

    async def station_list(self, station_id: str) -> StationListState[ListedToken] | None:
        """The assignment's list, entries and removals."""
        assignment = self._assignments.get(station_id)
        if assignment is None:
            return None
        record = self._lists[assignment.list_id]
        return StationListState(
            station_id=station_id,
            list_name=record.name,
            version=record.version,
            acknowledged=assignment.acknowledged_version,
            entries=tuple(
                ListedToken(e.token_id, e.changed_version) for e in self._entries[record.id]
            ),
            removals=tuple(self._removals[record.id]),
        )

    async def uses_a_list(self, station_id: str) -> bool:
        """In the assignments."""
        return station_id in self._assignments

    async def list_users(self, station_ids: Collection[str]) -> list[str]:
        """Those assigned."""
        return [s for s in station_ids if s in self._assignments]

    async def accepts_automatic_delivery(self, station_id: str) -> bool:
        """Online and Accepted."""
        state = self.stations.get(station_id)
        return state is not None and state.online and state.registration_status == "Accepted"

    async def limit_variables(self, station_id: str) -> list[LimitVariable]:
        """From `variables`."""
        return list(self.variables.get(station_id, []))

    async def record_answer(
        self, station_id: str, status: str, now: datetime, acknowledged: int | None, keep_ack: bool
    ) -> Answer | None:
        """Update the assignment."""
        assignment = self._assignments.get(station_id)
        if assignment is None:
            return None
        previous = note_answer(assignment, status, now, acknowledged, keep_ack)
        name = self._lists[assignment.list_id].name
        return Answer(previous, assignment.acknowledged_version, name)

    async def forget_acknowledged(self, station_id: str) -> None:
        """Unknown again."""
        assignment = self._assignments.get(station_id)
        if assignment is not None:
            assignment.acknowledged_version = None
            assignment.delivering_version = None

    async def set_delivering(self, station_id: str, version: int | None) -> None:
        """Note it on the assignment."""
        assignment = self._assignments.get(station_id)
        if assignment is not None:
            assignment.delivering_version = version

    async def record_reported(self, station_id: str, version: int) -> Reported | None:
        """Update the acknowledged version."""
        assignment = self._assignments.get(station_id)
        if assignment is None:
            return None
        previous = assignment.acknowledged_version
        note_version(assignment, version)
        record = self._lists[assignment.list_id]
        return Reported(previous, record.name, record.version)

    def _view(self, record: ListRecord) -> ListView:
        stations = sum(1 for a in self._assignments.values() if a.list_id == record.id)
        return ListView(
            id=record.id,
            name=record.name,
            version=record.version,
            updated_at=record.updated_at,
            entry_count=len(self._entries[record.id]),
            station_count=stations,
        )

    async def list_views(self, after_id: int | None, limit: int) -> list[ListView]:
        """Lists in id order."""
        ids = [i for i in sorted(self._lists) if after_id is None or i > after_id]
        return [self._view(self._lists[i]) for i in ids[:limit]]

    async def list_view(self, name: str) -> ListView | None:
        """One list."""
        record = await self.find_list(name)
        return self._view(record) if record is not None else None

    async def entries(self, list_id: int, after_id: int | None, limit: int) -> list[EntryView]:
        """Entries in id order, with their registry tokens."""
        by_id = {r.id: r for r in self.registry.records()}
        views = [
            EntryView(
                e.id,
                by_id[e.token_id].value,
                by_id[e.token_id].type,
                by_id[e.token_id].token.status,
                e.changed_version,
            )
            for e in self._entries.get(list_id, [])
            if (after_id is None or e.id > after_id) and e.token_id in by_id
        ]
        return views[:limit]

    async def station_lists(
        self, station_id: str | None, list_name: str | None, after_id: int | None
    ) -> list[StationListView]:
        """Assignments in id order."""
        views: list[StationListView] = []
        for station, a in sorted(self._assignments.items(), key=lambda item: item[1].id):
            record = self._lists[a.list_id]
            if station_id is not None and station != station_id:
                continue
            if list_name is not None and record.name != list_name:
                continue
            if after_id is not None and a.id <= after_id:
                continue
            views.append(
                StationListView(
                    a.id,
                    station,
                    record.name,
                    record.version,
                    a.acknowledged_version,
                    a.last_status,
                    a.last_attempt_at,
                )
            )
        return views
