"""Local lists in the database: the only file of the block that touches it. Its own tables
(`local_auth_list`, entries, removals, `station_local_list`), joined where it needs them with
the registry's `id_token`, the stations' `station` and the device model's variables.

Every change of a list's content bumps its version by one: added or changed entries take the
new version as `changed_version`, removed tokens leave a removal at it, so a Differential
update can carry exactly what changed since a station's acknowledged version. Callers run
the writes inside one database transaction and announce after commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from tortoise.expressions import F, Q

from infra.db.models import (
    DeviceAttribute,
    IdToken,
    LocalAuthList,
    LocalAuthListEntry,
    LocalAuthListRemoval,
    Station,
    StationLocalList,
)
from infra.db.pages import oldest_first, where_given
from infra.db.rows import select_one
from modules.authorization import TokenKey
from modules.local_auth_lists.list_plan import Removal
from modules.local_auth_lists.policy import CONTROLLER, LimitVariable

GROUP_BATCH = 200
"""Groups looked up per query when finding the members of changed tokens."""


@dataclass(frozen=True, slots=True)
class ListRecord:
    """A list: id, name, current version, when it last changed."""

    id: int
    name: str
    version: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ListView(ListRecord):
    """A list with how many tokens are on it and how many stations use it."""

    entry_count: int
    station_count: int


@dataclass(frozen=True, slots=True)
class EntryView:
    """A token on a list: its registry (value, type, status) and the version it changed."""

    id: int
    value: str
    type: str
    status: str
    changed_version: int


@dataclass(frozen=True, slots=True)
class StationListView:
    """A station's assignment: its list, what the station acknowledged, its last answer."""

    id: int
    station_id: str
    list_name: str
    list_version: int
    acknowledged_version: int | None
    last_status: str | None
    last_attempt_at: datetime | None

    @property
    def up_to_date(self) -> bool:
        """Whether the station holds the list's version."""
        return self.acknowledged_version == self.list_version


@dataclass(frozen=True, slots=True)
class ListedToken:
    """An entry as delivery needs it: the registry id and the version it changed."""

    token_id: int
    changed_version: int


Entry = TypeVar("Entry")
"""How a station list's entries are given: stored (ListedToken) or ready to send (ListEntry)."""


@dataclass(frozen=True, slots=True)
class StationListState(Generic[Entry]):
    """A station's assignment and the state of its list (entries in the order put on it)."""

    station_id: str
    list_name: str
    version: int
    acknowledged: int | None
    entries: tuple[Entry, ...]
    removals: tuple[Removal, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """A recorded SendLocalList answer: acknowledged versions before and after, the list."""

    previous: int | None
    acknowledged: int | None
    list_name: str


@dataclass(frozen=True, slots=True)
class Reported:
    """A recorded GetLocalListVersion answer: the acknowledged version before, the list."""

    previous: int | None
    list_name: str
    list_version: int


class AnsweredAssignment(Protocol):
    """A station's list assignment as a SendLocalList answer updates it (either twin's row)."""

    last_status: str | None
    last_attempt_at: datetime | None
    acknowledged_version: int | None
    delivering_version: int | None


def note_version(assignment: AnsweredAssignment, version: int | None) -> None:
    """The station holds `version` (None: unknown). While a multi-part update is under way, a
    version below the one it ends at is one of its parts: the station holds only some of the
    list, so what it holds is unknown; its last part ends the update."""
    delivering = assignment.delivering_version
    if version is not None and delivering is not None:
        if version < delivering:
            version = None
        else:
            assignment.delivering_version = None
    assignment.acknowledged_version = version


def note_answer(
    assignment: AnsweredAssignment,
    status: str,
    now: datetime,
    acknowledged: int | None,
    keep_ack: bool,
) -> int | None:
    """Note the answer's status and time, and its acknowledged version unless `keep_ack`
    (`note_version`); the version acknowledged before."""
    previous = assignment.acknowledged_version
    assignment.last_status = status
    assignment.last_attempt_at = now
    if not keep_ack:
        note_version(assignment, acknowledged)
    return previous


class LocalListStore(Protocol):
    """What the local-lists block reads and writes."""

    async def find_list(self, name: str) -> ListRecord | None:
        """The list called `name`."""
        ...

    async def create_list(self, name: str, version: int) -> ListRecord:
        """A new, empty list."""
        ...

    async def delete_list(self, name: str) -> bool:
        """Delete the list, its entries and assignments; False when there was none."""
        ...

    async def lists_by_ids(self, list_ids: Collection[int]) -> list[ListRecord]:
        """The lists with these ids."""
        ...

    async def registry_ids(self, keys: Sequence[TokenKey]) -> dict[TokenKey, int]:
        """The registry ids of the tokens among `keys` (exact value and type)."""
        ...

    async def bump_version(self, list_id: int) -> int:
        """Add one to the list's version (a row lock until commit); the new version."""
        ...

    async def raise_version(self, list_id: int, at_least: int) -> int:
        """Raise the list's version to `at_least` if it is lower (its content unchanged); the
        version now."""
        ...

    async def put_entries(self, list_id: int, token_ids: Iterable[int], version: int) -> None:
        """Put the tokens on the list (or refresh them) at `version`."""
        ...

    async def remove_entries(self, list_id: int, keys: Iterable[TokenKey], version: int) -> None:
        """Take the tokens off the list, recording each removal at `version`."""
        ...

    async def station_exists(self, station_id: str) -> bool:
        """Whether the CSMS knows the station."""
        ...

    async def assign(self, station_id: str, list_id: int) -> None:
        """Make the station use the list; a new assignment's acknowledged version is
        unknown (its last status too)."""
        ...

    async def unassign(self, station_id: str) -> bool:
        """Stop using lists at the station; False when it used none."""
        ...

    async def stations_of(self, list_ids: Iterable[int]) -> list[str]:
        """The stations assigned to any of the lists, sorted."""
        ...

    async def tokens_changed(self, token_ids: Sequence[int]) -> set[int]:
        """The lists holding the tokens, or members of their groups, move to a new version;
        returns their ids."""
        ...

    async def tokens_deleting(self, token_ids: Sequence[int]) -> set[int]:
        """Before the tokens are deleted: each list holding one records its removal at a new
        version; lists holding members of their groups change too. Returns the lists' ids."""
        ...

    async def station_list(self, station_id: str) -> StationListState[ListedToken] | None:
        """The station's list as it is now; None when it uses none."""
        ...

    async def uses_a_list(self, station_id: str) -> bool:
        """Whether the station is assigned a list."""
        ...

    async def list_users(self, station_ids: Collection[str]) -> list[str]:
        """Which of the stations are assigned a list."""
        ...

    async def accepts_automatic_delivery(self, station_id: str) -> bool:
        """Whether the station is online and its boot was Accepted."""
        ...

    async def limit_variables(self, station_id: str) -> list[LimitVariable]:
        """The station's LocalAuthListCtrlr variables (Actual values)."""
        ...

    async def record_answer(
        self, station_id: str, status: str, now: datetime, acknowledged: int | None, keep_ack: bool
    ) -> Answer | None:
        """Store the station's last SendLocalList status and time (and the acknowledged
        version unless `keep_ack`); None when the station uses no list."""
        ...

    async def forget_acknowledged(self, station_id: str) -> None:
        """The station's list version is no longer known (and no update is under way)."""
        ...

    async def set_delivering(self, station_id: str, version: int | None) -> None:
        """A multi-part update ending at `version` is under way (None: none is)."""
        ...

    async def record_reported(self, station_id: str, version: int) -> Reported | None:
        """Store the version the station reports as acknowledged (`note_version`); None
        without list."""
        ...

    async def list_views(self, after_id: int | None, limit: int) -> list[ListView]:
        """Lists in id order after `after_id`."""
        ...

    async def list_view(self, name: str) -> ListView | None:
        """The list called `name`."""
        ...

    async def entries(self, list_id: int, after_id: int | None, limit: int) -> list[EntryView]:
        """A list's entries in the order they were put on it."""
        ...

    async def station_lists(
        self, station_id: str | None, list_name: str | None, after_id: int | None
    ) -> list[StationListView]:
        """Assignments in id order, of the station and list when given."""
        ...


async def _tokens_by_list(token_ids: list[int]) -> dict[int, list[int]]:
    """List id -> which of `token_ids` are on it (one SELECT)."""
    rows = await LocalAuthListEntry.filter(id_token_id__in=token_ids).values_list(
        "auth_list_id", "id_token_id"
    )
    by_list: dict[int, list[int]] = defaultdict(list)
    for list_id, token_id in rows:
        by_list[int(list_id)].append(int(token_id))
    return by_list


def _list_record(row: LocalAuthList) -> ListRecord:
    return ListRecord(row.id, row.name, row.version, row.updated_at)


def _station_view(row: StationLocalList) -> StationListView:
    auth_list: LocalAuthList = row.auth_list
    return StationListView(
        id=row.id,
        station_id=row.station_id,  # type: ignore[attr-defined]
        list_name=auth_list.name,
        list_version=auth_list.version,
        acknowledged_version=row.acknowledged_version,
        last_status=row.last_status,
        last_attempt_at=row.last_attempt_at,
    )


class SqlLocalListStore:
    """Local lists on their tables."""

    async def find_list(self, name: str) -> ListRecord | None:
        """One SELECT."""
        row = await LocalAuthList.get_or_none(name=name)
        return _list_record(row) if row is not None else None

    async def create_list(self, name: str, version: int) -> ListRecord:
        """One INSERT."""
        return _list_record(await LocalAuthList.create(name=name, version=version))

    async def delete_list(self, name: str) -> bool:
        """One DELETE (entries, removals and assignments cascade)."""
        deleted: int = await LocalAuthList.filter(name=name).delete()
        return deleted > 0

    async def lists_by_ids(self, list_ids: Collection[int]) -> list[ListRecord]:
        """One IN query."""
        if not list_ids:
            return []
        rows = await LocalAuthList.filter(id__in=sorted(set(list_ids))).order_by("id")
        return [_list_record(row) for row in rows]

    async def registry_ids(self, keys: Sequence[TokenKey]) -> dict[TokenKey, int]:
        """One exact lookup per key (case-sensitive on the value)."""
        found: dict[TokenKey, int] = {}
        for value, kind in keys:
            row = await select_one(IdToken, {"value": value, "type": kind})
            if row is not None and row.value == value:
                found[(value, kind)] = row.id
        return found

    async def bump_version(self, list_id: int) -> int:
        """UPDATE ... SET version = version + 1, then read it back."""
        await LocalAuthList.filter(id=list_id).update(version=F("version") + 1)
        return (await LocalAuthList.get(id=list_id)).version

    async def raise_version(self, list_id: int, at_least: int) -> int:
        """One conditional UPDATE, then read it back."""
        await LocalAuthList.filter(id=list_id, version__lt=at_least).update(version=at_least)
        return (await LocalAuthList.get(id=list_id)).version

    async def put_entries(self, list_id: int, token_ids: Iterable[int], version: int) -> None:
        """Update each entry's version, or create it."""
        for token_id in token_ids:
            updated = await LocalAuthListEntry.filter(
                auth_list_id=list_id, id_token_id=token_id
            ).update(changed_version=version)
            if not updated:
                await LocalAuthListEntry.create(
                    auth_list_id=list_id, id_token_id=token_id, changed_version=version
                )

    async def remove_entries(self, list_id: int, keys: Iterable[TokenKey], version: int) -> None:
        """Delete each token's entry; a deleted one leaves a removal."""
        for value, kind in keys:
            ids = await self.registry_ids([(value, kind)])
            if not ids:
                continue
            deleted = await LocalAuthListEntry.filter(
                auth_list_id=list_id, id_token_id=ids[(value, kind)]
            ).delete()
            if deleted:
                await LocalAuthListRemoval.create(
                    auth_list_id=list_id, value=value, type=kind, removed_version=version
                )

    async def station_exists(self, station_id: str) -> bool:
        """One EXISTS."""
        return await Station.exists(id=station_id)

    async def assign(self, station_id: str, list_id: int) -> None:
        """Create the assignment, or move it to the list (forgetting what was acknowledged)."""
        current = await StationLocalList.get_or_none(station_id=station_id)
        if current is None:
            await StationLocalList.create(station_id=station_id, auth_list_id=list_id)
        elif current.auth_list_id != list_id:  # type: ignore[attr-defined]
            current.auth_list_id = list_id
            current.acknowledged_version = None
            current.delivering_version = None
            current.last_status = None
            await current.save()

    async def unassign(self, station_id: str) -> bool:
        """One DELETE."""
        deleted: int = await StationLocalList.filter(station_id=station_id).delete()
        return deleted > 0

    async def stations_of(self, list_ids: Iterable[int]) -> list[str]:
        """One IN query."""
        ids = sorted(set(list_ids))
        if not ids:
            return []
        rows = await StationLocalList.filter(auth_list_id__in=ids).values_list(
            "station_id", flat=True
        )
        return sorted(str(row) for row in rows)

    async def _keys_of(self, token_ids: Sequence[int]) -> dict[int, TokenKey]:
        rows = await IdToken.filter(id__in=list(token_ids)).values_list("id", "value", "type")
        return {int(token_id): (str(value), str(kind)) for token_id, value, kind in rows}

    async def _members_of(self, groups: Sequence[TokenKey]) -> list[int]:
        """Registry ids of the tokens whose group id token is one of `groups`."""
        members: list[int] = []
        for start in range(0, len(groups), GROUP_BATCH):
            match = Q()
            for value, kind in groups[start : start + GROUP_BATCH]:
                match |= Q(group_id_token=value, group_id_token_type=kind)
            members.extend(row.id for row in await IdToken.filter(match).only("id"))
        return members

    async def _bump_entries(self, token_ids: Iterable[int]) -> set[int]:
        """New list versions for the lists holding any of `token_ids`; their entries take it."""
        ids = sorted(set(token_ids))
        if not ids:
            return set()
        by_list = await _tokens_by_list(ids)
        for list_id, entry_tokens in sorted(by_list.items()):
            version = await self.bump_version(list_id)
            await LocalAuthListEntry.filter(
                auth_list_id=list_id, id_token_id__in=entry_tokens
            ).update(changed_version=version)
        return set(by_list)

    async def tokens_changed(self, token_ids: Sequence[int]) -> set[int]:
        """The tokens' (value, type), their groups' members, then the lists holding any."""
        if not token_ids:
            return set()
        keys = await self._keys_of(token_ids)
        members = await self._members_of(list(keys.values()))
        return await self._bump_entries([*token_ids, *members])

    async def tokens_deleting(self, token_ids: Sequence[int]) -> set[int]:
        """Removals at a new version of each list holding one; members' lists bumped."""
        if not token_ids:
            return set()
        keys = await self._keys_of(token_ids)
        by_list = await _tokens_by_list(list(keys))
        for list_id, ids in sorted(by_list.items()):
            version = await self.bump_version(list_id)
            await LocalAuthListEntry.filter(auth_list_id=list_id, id_token_id__in=ids).delete()
            await LocalAuthListRemoval.bulk_create(
                [
                    LocalAuthListRemoval(
                        auth_list_id=list_id,
                        value=keys[token_id][0],
                        type=keys[token_id][1],
                        removed_version=version,
                    )
                    for token_id in ids
                ]
            )
        members = [m for m in await self._members_of(list(keys.values())) if m not in keys]
        return set(by_list) | await self._bump_entries(members)

    async def station_list(self, station_id: str) -> StationListState[ListedToken] | None:
        """The assignment with its list, the removals and the entries (three queries)."""
        assignment = await StationLocalList.get_or_none(station_id=station_id).prefetch_related(
            "auth_list"
        )
        if assignment is None:
            return None
        auth_list: LocalAuthList = assignment.auth_list
        removals = await LocalAuthListRemoval.filter(auth_list_id=auth_list.id).order_by("id")
        entries = (
            await LocalAuthListEntry.filter(auth_list_id=auth_list.id)
            .order_by("id")
            .values_list("id_token_id", "changed_version")
        )
        return StationListState(
            station_id=station_id,
            list_name=auth_list.name,
            version=auth_list.version,
            acknowledged=assignment.acknowledged_version,
            entries=tuple(ListedToken(int(t), int(v)) for t, v in entries),
            removals=tuple(Removal(r.value, r.type, r.removed_version) for r in removals),
        )

    async def uses_a_list(self, station_id: str) -> bool:
        """One indexed EXISTS."""
        return await StationLocalList.filter(station_id=station_id).exists()

    async def list_users(self, station_ids: Collection[str]) -> list[str]:
        """One IN query."""
        rows = await StationLocalList.filter(station_id__in=list(station_ids)).values_list(
            "station_id", flat=True
        )
        return [str(row) for row in rows]

    async def accepts_automatic_delivery(self, station_id: str) -> bool:
        """One EXISTS on the station."""
        return await Station.filter(
            id=station_id, online=True, registration_status="Accepted"
        ).exists()

    async def limit_variables(self, station_id: str) -> list[LimitVariable]:
        """The controller's Actual attributes with their variables."""
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id,
            variable__key__startswith=CONTROLLER,
            type="Actual",
        ).values(
            "value", "variable__component_name", "variable__variable_name", "variable__max_limit"
        )
        return [
            LimitVariable(
                str(row["variable__component_name"]),
                str(row["variable__variable_name"]),
                row["value"],
                row["variable__max_limit"],
            )
            for row in rows
        ]

    async def record_answer(
        self, station_id: str, status: str, now: datetime, acknowledged: int | None, keep_ack: bool
    ) -> Answer | None:
        """Read the assignment with its list, save it."""
        assignment = await StationLocalList.get_or_none(station_id=station_id).prefetch_related(
            "auth_list"
        )
        if assignment is None:
            return None
        previous = note_answer(assignment, status, now, acknowledged, keep_ack)
        await assignment.save()
        auth_list: LocalAuthList = assignment.auth_list
        return Answer(previous, assignment.acknowledged_version, auth_list.name)

    async def forget_acknowledged(self, station_id: str) -> None:
        """One UPDATE."""
        await StationLocalList.filter(station_id=station_id).update(
            acknowledged_version=None, delivering_version=None
        )

    async def set_delivering(self, station_id: str, version: int | None) -> None:
        """One UPDATE."""
        await StationLocalList.filter(station_id=station_id).update(delivering_version=version)

    async def record_reported(self, station_id: str, version: int) -> Reported | None:
        """Read the assignment with its list; save it when it changed."""
        assignment = await StationLocalList.get_or_none(station_id=station_id).prefetch_related(
            "auth_list"
        )
        if assignment is None:
            return None
        previous = assignment.acknowledged_version
        delivering = assignment.delivering_version
        note_version(assignment, version)
        if (previous, delivering) != (
            assignment.acknowledged_version,
            assignment.delivering_version,
        ):
            await assignment.save(
                update_fields=["acknowledged_version", "delivering_version", "updated_at"]
            )
        auth_list: LocalAuthList = assignment.auth_list
        return Reported(previous, auth_list.name, auth_list.version)

    async def _view(self, row: LocalAuthList) -> ListView:
        """The list with two COUNT queries."""
        return ListView(
            id=row.id,
            name=row.name,
            version=row.version,
            entry_count=await LocalAuthListEntry.filter(auth_list_id=row.id).count(),
            station_count=await StationLocalList.filter(auth_list_id=row.id).count(),
            updated_at=row.updated_at,
        )

    async def list_views(self, after_id: int | None, limit: int) -> list[ListView]:
        """A page of lists, two counts each."""
        rows = await oldest_first(LocalAuthList.all(), after_id, limit)
        return [await self._view(row) for row in rows]

    async def list_view(self, name: str) -> ListView | None:
        """One list, two counts."""
        row = await LocalAuthList.get_or_none(name=name)
        return await self._view(row) if row is not None else None

    async def entries(self, list_id: int, after_id: int | None, limit: int) -> list[EntryView]:
        """A page of entries with their tokens."""
        query = oldest_first(LocalAuthListEntry.filter(auth_list_id=list_id), after_id, limit)
        rows = await query.prefetch_related("id_token")
        return [
            EntryView(
                row.id,
                row.id_token.value,
                row.id_token.type,
                row.id_token.status,
                row.changed_version,
            )
            for row in rows
        ]

    async def station_lists(
        self, station_id: str | None, list_name: str | None, after_id: int | None
    ) -> list[StationListView]:
        """Assignments with their lists."""
        query = where_given(
            StationLocalList.all(), station_id=station_id, auth_list__name=list_name
        )
        rows = await oldest_first(query, after_id).prefetch_related("auth_list")
        return [_station_view(row) for row in rows]
