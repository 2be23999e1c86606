"""Planning and splitting local-list updates (D01), without database or network."""

from __future__ import annotations

import pytest

from modules.local_auth_lists.list_plan import (
    ListEntry,
    Removal,
    lowest_version,
    messages,
    parts_of,
    plan_update,
    split_items,
)

ACCEPTED = {"status": "Accepted"}
ENTRIES = (
    ListEntry("A", "ISO14443", 2, ACCEPTED),
    ListEntry("B", "ISO14443", 4, {"status": "Blocked"}),
    ListEntry("C", "ISO14443", 5, ACCEPTED),
)
REMOVALS = (Removal("X", "ISO14443", 3), Removal("A", "ISO14443", 4), Removal("Y", "eMAID", 5))


def values(update_items: tuple[dict[str, object], ...]) -> list[object]:
    return [item["idToken"]["idToken"] for item in update_items]  # type: ignore[index]


def test_up_to_date_station_gets_nothing() -> None:
    assert plan_update(5, 5, ENTRIES, REMOVALS) is None


@pytest.mark.parametrize("acknowledged", [None, 0, 6, -1])
def test_unknown_empty_or_ahead_station_gets_the_full_list(acknowledged: int | None) -> None:
    update = plan_update(5, acknowledged, ENTRIES, REMOVALS)
    assert update is not None and update.update_type == "Full" and update.version == 5
    assert values(update.items) == ["A", "B", "C"]


def test_differential_carries_changes_and_removals_not_back_on_the_list() -> None:
    update = plan_update(5, 3, ENTRIES, REMOVALS)
    assert update is not None and update.update_type == "Differential"
    assert list(update.items) == [
        {"idToken": {"idToken": "B", "type": "ISO14443"}, "idTokenInfo": {"status": "Blocked"}},
        {"idToken": {"idToken": "C", "type": "ISO14443"}, "idTokenInfo": ACCEPTED},
        {"idToken": {"idToken": "Y", "type": "eMAID"}},
    ]


def test_a_differential_larger_than_the_list_becomes_full() -> None:
    update = plan_update(5, 1, ENTRIES[:1], REMOVALS)
    assert update is not None and update.update_type == "Full"


def test_explicit_differential_needs_a_known_version_and_something_to_send() -> None:
    """An explicit Differential to a station at the list's version plans nothing: an empty
    Differential at the version it holds is what D01.FR.19 refuses."""
    with pytest.raises(ValueError, match="not known"):
        plan_update(5, None, ENTRIES, REMOVALS, "Differential")
    assert plan_update(5, 5, ENTRIES, REMOVALS, "Differential") is None
    update = plan_update(5, 4, ENTRIES, REMOVALS, "Differential")
    assert update is not None and (update.since, values(update.items)) == (4, ["C", "Y"])
    assert messages(update, parts_of(update, 100)) == [
        {
            "versionNumber": 5,
            "updateType": "Differential",
            "localAuthorizationList": [*update.items],
        }
    ]


def test_split_by_items_then_by_bytes() -> None:
    update = plan_update(5, None, ENTRIES, REMOVALS)
    assert update is not None
    parts = messages(update, parts_of(update, 2))
    assert [(p["updateType"], len(p["localAuthorizationList"])) for p in parts] == [
        ("Full", 2),
        ("Differential", 1),
    ]
    items = [{"idToken": {"idToken": str(n) * 50, "type": "Local"}} for n in range(4)]
    assert [len(part) for part in split_items(items, 100, 128 + 200)] == [2, 2]
    assert [len(part) for part in split_items(items, 100, 10)] == [1, 1, 1, 1]


def test_d01_fr_19_parts_count_their_versions_up_to_the_list_version() -> None:
    """k parts of version V are V-k+1 .. V: a station enforcing D01.FR.19 accepts each
    Differential after the Full (each above the version it then holds)."""
    update = plan_update(5, None, ENTRIES, REMOVALS)
    assert update is not None
    parts = messages(update, parts_of(update, 1))
    assert [(p["updateType"], p["versionNumber"]) for p in parts] == [
        ("Full", 3),
        ("Differential", 4),
        ("Differential", 5),
    ]


def test_d01_fr_18_19_the_lowest_version_that_leaves_room_for_the_parts() -> None:
    """A Full's parts need versions above 0 (D01.FR.18), a Differential's above the
    station's (D01.FR.19); a list version below that leaves no room (ValueError)."""
    full = plan_update(2, None, ENTRIES, REMOVALS)
    assert full is not None and lowest_version(full, 3) == 3
    with pytest.raises(ValueError, match="cannot count up to version 2 from above 0"):
        messages(full, parts_of(full, 1))
    differential = plan_update(5, 3, ENTRIES, REMOVALS)
    assert differential is not None and lowest_version(differential, 3) == 6
    assert lowest_version(differential, 2) == 5


def test_an_update_without_items_is_one_message_without_a_list() -> None:
    """An empty Full clears the station's list, an empty Differential only sets its version
    (D01.FR.04/05): one message without localAuthorizationList."""
    update = plan_update(5, None, (), ())
    assert update is not None
    assert messages(update, parts_of(update, 100)) == [{"versionNumber": 5, "updateType": "Full"}]
