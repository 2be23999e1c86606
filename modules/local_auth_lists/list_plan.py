"""What to send a station so it holds its local authorization list (D01/D02), and how to
split it into SendLocalList messages. Pure: no database, no clock.

- A station whose acknowledged version equals the list's version gets nothing.
- It gets a Full update when its version is unknown, 0 (no list), ahead of the list, or when a
  Differential would carry more items than the whole list.
- Otherwise a Differential: the entries changed after its version, plus the tokens removed
  after it (as AuthorizationData without idTokenInfo, which deletes them at the station),
  except removed tokens that are back on the list.
- An update larger than one message allows (ItemsPerMessage / BytesPerMessage of
  LocalAuthListCtrlr, D01.FR.11) goes as its first part (Full or Differential) followed by
  Differentials with the rest. A station that enforces D01.FR.19 refuses a Differential whose
  version is not above its own, so the parts count up to the list's version: k parts of
  version V are V-k+1, ..., V. Every one must be > 0 (D01.FR.18) and, for a Differential
  update, above the version the station holds; `lowest_version` says which list version
  leaves room for them (the publisher raises the list's version when it is lower).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from modules.authorization import TokenIdentity, TokenKey

FULL = "Full"
DIFFERENTIAL = "Differential"
UPDATE_TYPES = (FULL, DIFFERENTIAL)
DEFAULT_ITEMS_PER_MESSAGE = 100
"""Items per SendLocalList when the station's device model does not say (ItemsPerMessage)."""
MESSAGE_OVERHEAD_BYTES = 128
"""Room kept in BytesPerMessage for the message frame, version and update type."""


@dataclass(frozen=True, slots=True)
class ListEntry(TokenIdentity):
    """An id token on the list: its idTokenInfo (OCPP JSON) and the version it last changed."""

    changed_version: int
    info: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Removal(TokenIdentity):
    """An id token taken off the list at `removed_version`."""

    removed_version: int


@dataclass(frozen=True, slots=True)
class Update:
    """One logical update: type, the version it brings the station to, its items, and the
    version it starts from (`since`: the station's for a Differential, 0 for a Full)."""

    update_type: str
    version: int
    items: tuple[dict[str, Any], ...]
    since: int = 0


def authorization_data(entry: ListEntry) -> dict[str, Any]:
    """The AuthorizationData of an entry (id token and idTokenInfo)."""
    return {"idToken": {"idToken": entry.value, "type": entry.type}, "idTokenInfo": entry.info}


def removal_data(value: str, kind: str) -> dict[str, Any]:
    """The AuthorizationData that deletes a token from the station's list."""
    return {"idToken": {"idToken": value, "type": kind}}


def full_update(version: int, entries: Iterable[ListEntry]) -> Update:
    """The whole list."""
    return Update(FULL, version, tuple(authorization_data(entry) for entry in entries))


def differential_update(
    version: int, since: int, entries: Sequence[ListEntry], removals: Iterable[Removal]
) -> Update:
    """What changed after version `since`: changed entries, then removed tokens."""
    present = {entry.key for entry in entries}
    items = [authorization_data(entry) for entry in entries if entry.changed_version > since]
    removed: set[TokenKey] = set()
    for removal in removals:
        key = removal.key
        if removal.removed_version > since and key not in present and key not in removed:
            removed.add(key)
            items.append(removal_data(*key))
    return Update(DIFFERENTIAL, version, tuple(items), since)


def plan_update(
    version: int,
    acknowledged: int | None,
    entries: Sequence[ListEntry],
    removals: Iterable[Removal],
    requested: str | None = None,
) -> Update | None:
    """The update that brings a station at `acknowledged` to `version`; None when it is up to
    date. `requested` forces Full or Differential (an operator's explicit sendLocalList);
    a Differential needs a known acknowledged version not ahead of the list (ValueError),
    and is None when the station holds the list's version already (an empty Differential at
    that version is what D01.FR.19 refuses)."""
    if requested is not None and requested not in UPDATE_TYPES:
        raise ValueError(f"update type must be one of {UPDATE_TYPES}")
    if requested == FULL:
        return full_update(version, entries)
    known = acknowledged is not None and 0 < acknowledged <= version
    if requested == DIFFERENTIAL:
        if not known or acknowledged is None:
            raise ValueError(
                "the station's list version is not known (or is ahead of the list): "
                "send a Full update or ask getLocalListVersion first"
            )
        if acknowledged == version:
            return None
        return differential_update(version, acknowledged, entries, removals)
    if acknowledged == version:
        return None
    if not known or acknowledged is None:
        return full_update(version, entries)
    differential = differential_update(version, acknowledged, entries, removals)
    if len(differential.items) > len(entries):
        return full_update(version, entries)
    return differential


def _size(item: dict[str, Any]) -> int:
    return len(orjson.dumps(item)) + 1


def split_items(
    items: Sequence[dict[str, Any]], items_per_message: int, bytes_per_message: int | None
) -> list[list[dict[str, Any]]]:
    """Consecutive parts of at most `items_per_message` items and, when given, at most
    `bytes_per_message` bytes of JSON each (one item per part at least)."""
    per_message = max(1, items_per_message)
    budget = None if bytes_per_message is None else bytes_per_message - MESSAGE_OVERHEAD_BYTES
    parts: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    used = 0
    for item in items:
        size = _size(item)
        full = len(current) >= per_message or (
            budget is not None and current and used + size > budget
        )
        if full:
            parts.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    if current:
        parts.append(current)
    return parts


def parts_of(
    update: Update, items_per_message: int, bytes_per_message: int | None = None
) -> list[list[dict[str, Any]]]:
    """The update's items in message-sized parts; one empty part for an update without
    items (an empty Full clears the station's list, an empty Differential only sets its
    version: D01.FR.04/05)."""
    return split_items(update.items, items_per_message, bytes_per_message) or [[]]


def lowest_version(update: Update, parts: int) -> int:
    """The lowest list version `parts` messages of `update` can end at: their versions count
    up by one to it, the first above `update.since` (above 0 for a Full, D01.FR.18; above the
    station's version for a Differential, D01.FR.19)."""
    return update.since + parts


def messages(update: Update, parts: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The SendLocalList request payloads of `update` split into `parts`, in sending order:
    the first of the update's type, the rest Differentials, versions counting up by one to
    `update.version`. ValueError when the list's version leaves no room for them
    (`lowest_version`)."""
    if update.version < lowest_version(update, len(parts)):
        raise ValueError(
            f"{len(parts)} messages cannot count up to version {update.version} "
            f"from above {update.since}"
        )
    first = update.version - len(parts) + 1
    payloads: list[dict[str, Any]] = []
    for index, part in enumerate(parts):
        payload: dict[str, Any] = {
            "versionNumber": first + index,
            "updateType": update.update_type if index == 0 else DIFFERENTIAL,
        }
        if part:
            payload["localAuthorizationList"] = list(part)
        payloads.append(payload)
    return payloads
