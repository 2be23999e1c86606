"""Local authorization lists (D01/D02): versioned sets of registry id tokens, shared by the
stations assigned to them.

Every change of a list's content bumps its version by one: added or changed entries take the
new version as `changed_version`, removed tokens leave a `LocalAuthListRemoval` at it, so a
Differential update can carry exactly what changed since a station's acknowledged version.
A registry change that alters what a listed token's idTokenInfo says (its status, expiry,
group, ...; or its group's own status, C09) is a change of every list holding it.
Callers run these inside a database transaction and announce the returned stations after
commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from tortoise.expressions import F, Q

from infra.db.models import (
    IdToken,
    LocalAuthList,
    LocalAuthListEntry,
    LocalAuthListRemoval,
    StationLocalList,
)
from modules.authorization.registry import find_token

FIRST_VERSION = 1
"""A new list starts at version 1: SendLocalList versions must be > 0 (D01.FR.18)."""

GROUP_BATCH = 200
"""Groups looked up per query when finding the members of changed tokens."""

TokenKey = tuple[str, str]


class LocalListError(ValueError):
    """A list operation that cannot be done; the message says why."""


async def create_list(name: str) -> LocalAuthList:
    """A new, empty list at version 1."""
    if not name or len(name) > 64:
        raise LocalListError("name: 1 to 64 characters")
    if await LocalAuthList.exists(name=name):
        raise LocalListError(f"a local list named {name!r} exists already")
    return await LocalAuthList.create(name=name, version=FIRST_VERSION)


async def get_list(name: str) -> LocalAuthList:
    """The list called `name` (LocalListError when there is none)."""
    found = await LocalAuthList.get_or_none(name=name)
    if found is None:
        raise LocalListError(f"no local list named {name!r}")
    return found


async def bump_version(list_id: int) -> int:
    """Add one to the list's version (a row lock until commit) and return the new version."""
    await LocalAuthList.filter(id=list_id).update(version=F("version") + 1)
    return (await LocalAuthList.get(id=list_id)).version


async def _registry_ids(keys: Sequence[TokenKey]) -> dict[TokenKey, int]:
    found: dict[TokenKey, int] = {}
    missing: list[str] = []
    for value, kind in keys:
        row = await find_token(value, kind)
        if row is None:
            missing.append(f"{value} ({kind})")
        else:
            found[(value, kind)] = row.id
    if missing:
        raise LocalListError("not in the id-token registry: " + ", ".join(missing))
    return found


async def change_list(
    auth_list: LocalAuthList, add: Sequence[TokenKey], remove: Sequence[TokenKey]
) -> int:
    """Put registry tokens `add` on the list and take `remove` off it, as one new version
    (returned). Adding a token already on the list refreshes it; removing one not on it is
    ignored. A token in both is an error."""
    both = set(add) & set(remove)
    if both:
        raise LocalListError(
            "added and removed at once: " + ", ".join(f"{v} ({t})" for v, t in both)
        )
    added = await _registry_ids(list(dict.fromkeys(add)))
    if not added and not remove:
        return auth_list.version
    version = await bump_version(auth_list.id)
    for token_id in added.values():
        updated = await LocalAuthListEntry.filter(
            auth_list_id=auth_list.id, id_token_id=token_id
        ).update(changed_version=version)
        if not updated:
            await LocalAuthListEntry.create(
                auth_list_id=auth_list.id, id_token_id=token_id, changed_version=version
            )
    for value, kind in dict.fromkeys(remove):
        row = await find_token(value, kind)
        if row is None:
            continue
        deleted = await LocalAuthListEntry.filter(
            auth_list_id=auth_list.id, id_token_id=row.id
        ).delete()
        if deleted:
            await LocalAuthListRemoval.create(
                auth_list_id=auth_list.id, value=value, type=kind, removed_version=version
            )
    auth_list.version = version
    return version


async def assign_station(station_id: str, auth_list: LocalAuthList) -> StationLocalList:
    """Make the station use `auth_list`; a new assignment starts with an unknown acknowledged
    version, so the station's first update is Full."""
    current = await StationLocalList.get_or_none(station_id=station_id)
    if current is None:
        return await StationLocalList.create(station_id=station_id, auth_list_id=auth_list.id)
    if current.auth_list_id != auth_list.id:  # type: ignore[attr-defined]
        current.auth_list_id = auth_list.id
        current.acknowledged_version = None
        current.last_status = None
        await current.save()
    return current


async def unassign_station(station_id: str) -> bool:
    """Stop using lists at the station (what it holds stays there); False if it used none."""
    return await StationLocalList.filter(station_id=station_id).delete() > 0


async def stations_of(list_ids: Iterable[int]) -> list[str]:
    """The stations assigned to any of the lists."""
    ids = sorted(set(list_ids))
    if not ids:
        return []
    rows = await StationLocalList.filter(auth_list_id__in=ids).values_list("station_id", flat=True)
    return sorted(str(row) for row in rows)


async def _members_of(groups: Sequence[IdToken]) -> list[int]:
    """Registry ids of the tokens whose group id token is one of `groups`."""
    members: list[int] = []
    for start in range(0, len(groups), GROUP_BATCH):
        match = Q()
        for group in groups[start : start + GROUP_BATCH]:
            match |= Q(group_id_token=group.value, group_id_token_type=group.type)
        members.extend(row.id for row in await IdToken.filter(match).only("id"))
    return members


async def _bump_entries(token_ids: Iterable[int]) -> set[int]:
    """New list versions for the lists holding any of `token_ids`; their entries take it."""
    ids = sorted(set(token_ids))
    if not ids:
        return set()
    rows = await LocalAuthListEntry.filter(id_token_id__in=ids).values_list(
        "auth_list_id", "id_token_id"
    )
    by_list: dict[int, list[int]] = defaultdict(list)
    for list_id, token_id in rows:
        by_list[int(list_id)].append(int(token_id))
    for list_id, entry_tokens in sorted(by_list.items()):
        version = await bump_version(list_id)
        await LocalAuthListEntry.filter(auth_list_id=list_id, id_token_id__in=entry_tokens).update(
            changed_version=version
        )
    return set(by_list)


async def tokens_changed(rows: Sequence[IdToken]) -> set[int]:
    """Registry tokens whose idTokenInfo changed: the lists holding them, or holding members
    of their group, move to a new version. Returns the ids of the lists that changed."""
    members = await _members_of(rows)
    return await _bump_entries([row.id for row in rows] + members)


async def tokens_deleted(rows: Sequence[IdToken]) -> set[int]:
    """Before deleting registry tokens: each list holding one records its removal at a new
    version; lists holding members of a deleted group change too. Returns the lists' ids."""
    if not rows:
        return set()
    by_id = {row.id: row for row in rows}
    entries = await LocalAuthListEntry.filter(id_token_id__in=list(by_id)).values_list(
        "auth_list_id", "id_token_id"
    )
    by_list: dict[int, list[int]] = defaultdict(list)
    for list_id, token_id in entries:
        by_list[int(list_id)].append(int(token_id))
    for list_id, token_ids in sorted(by_list.items()):
        version = await bump_version(list_id)
        await LocalAuthListEntry.filter(auth_list_id=list_id, id_token_id__in=token_ids).delete()
        await LocalAuthListRemoval.bulk_create(
            [
                LocalAuthListRemoval(
                    auth_list_id=list_id,
                    value=by_id[token_id].value,
                    type=by_id[token_id].type,
                    removed_version=version,
                )
                for token_id in token_ids
            ]
        )
    members = [m for m in await _members_of(rows) if m not in by_id]
    return set(by_list) | await _bump_entries(members)
