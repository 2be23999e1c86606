"""The data-transfer store's contract, run against the memory twin and the SQL store on
SQLite and PostgreSQL: transfers read back as stored (any JSON value, NUL characters and
integers past 64 bits included), newest first, filtered and paged by id."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from modules.data_transfer import DataTransferStore, Direction, SqlDataTransferStore, Transfer
from modules.data_transfer.memory_store import MemoryDataTransferStore
from tests.support.clock import NOW
from tests.support.stores import store_fixture

store = store_fixture(MemoryDataTransferStore, SqlDataTransferStore, stations=("CS1", "CS2"))
"""An empty store; on a database, stations CS1 and CS2 exist."""

ANSWERED = Transfer(
    station_id="CS1",
    direction=Direction.FROM_STATION,
    vendor_id="com.acme",
    message_id="Diag",
    data={"a": [1, 2.5, None, True], "b": "é€😀"},
    outcome="RESULT",
    status="Accepted",
    reason_code="Done",
    additional_info="all fine",
    response_data=["ok"],
    error_code=None,
    recorded_at=NOW,
)


@pytest.mark.parametrize(
    "data",
    [None, 0, "", "NUL\x00inside", 2**64 + 1, -(10**30), [], {}, {"deep": [[[{"x": None}]]]}],
)
async def test_any_json_value_reads_back_as_stored(store: DataTransferStore, data: Any) -> None:
    transfer = replace(ANSWERED, data=data, response_data=data)
    transfer_id = await store.add_transfer(transfer)

    (stored,) = await store.transfers("CS1", None, None, 10, None)

    assert stored.id == transfer_id
    assert Transfer(**_fields(stored)) == transfer


def _fields(view: Any) -> dict[str, Any]:
    """The Transfer fields of a stored view."""
    return {name: getattr(view, name) for name in Transfer.__dataclass_fields__}


async def test_the_feed_is_per_station_newest_first_filtered_and_paged(
    store: DataTransferStore,
) -> None:
    rows = [
        ANSWERED,
        replace(ANSWERED, station_id="CS2"),
        replace(ANSWERED, direction=Direction.TO_STATION, outcome="TIMEOUT", status=None),
        replace(ANSWERED, vendor_id="org.other", message_id=None),
    ]
    ids = [await store.add_transfer(row) for row in rows]

    mine = await store.transfers("CS1", None, None, 10, None)

    assert [row.id for row in mine] == [ids[3], ids[2], ids[0]]
    assert ids == sorted(ids)
    sent = await store.transfers("CS1", Direction.TO_STATION, None, 10, None)
    assert [(row.outcome, row.status) for row in sent] == [("TIMEOUT", None)]
    assert [row.id for row in await store.transfers("CS1", None, "org.other", 10, None)] == [ids[3]]
    assert await store.transfers("CS1", None, None, 1, None) == mine[:1]
    assert await store.transfers("CS1", None, None, 10, ids[3]) == mine[1:]
    assert await store.transfers("CS1", Direction.FROM_STATION, "none", 10, None) == []
