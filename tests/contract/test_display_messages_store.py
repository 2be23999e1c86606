"""The display-message store's contract, run against the memory twin and the SQL store (on
SQLite and PostgreSQL): message ids and requestIds allocated, the answers to Set/Clear/Get
recorded, NotifyDisplayMessages parts stored and settled, transactions ending, the device
model's DisplayMessageCtrlr read, and fleet-wide messages with their progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Protocol

from infra.db.models import DeviceAttribute, DeviceVariable, Station
from modules.device_model import VariableRef
from modules.display_messages import DisplayMessageStore, SqlDisplayMessageStore
from modules.display_messages.conversions import with_id
from modules.display_messages.memory_store import MemoryDisplayMessageStore
from modules.display_messages.policy import ControllerVariable
from modules.display_messages.records import (
    BroadcastOpening,
    HeldMessage,
    MessageBody,
    NotifiedPart,
    Presence,
    RequestFilter,
    StationAnswer,
    TargetResult,
)
from tests.support.clock import NOW, STATION
from tests.support.stores import store_fixture

LATER = NOW + timedelta(seconds=5)
LATEST = NOW + timedelta(seconds=10)
BODY = MessageBody(priority="NormalCycle", format="UTF8", content="Hello")
ACCEPTED = StationAnswer("Accepted")


class Backend(Protocol):
    """A store and what other blocks would have written beside it."""

    store: DisplayMessageStore

    async def add_station(self, station_id: str, online: bool = False) -> None:
        """Register a station."""

    async def add_variable(self, station_id: str, variable: ControllerVariable) -> None:
        """Store a DisplayMessageCtrlr variable as the device model would."""


class MemoryBackend:
    """The memory twin."""

    def __init__(self) -> None:
        self.memory = MemoryDisplayMessageStore()
        self.store: DisplayMessageStore = self.memory
        self.memory.add_station(STATION)

    async def add_station(self, station_id: str, online: bool = False) -> None:
        """Register a station."""
        self.memory.add_station(station_id, online)

    async def add_variable(self, station_id: str, variable: ControllerVariable) -> None:
        """Keep the variable."""
        self.memory.add_variable(station_id, variable)


class SqlBackend:
    """The SQL store on an open database."""

    def __init__(self) -> None:
        self.store: DisplayMessageStore = SqlDisplayMessageStore()

    async def add_station(self, station_id: str, online: bool = False) -> None:
        """Register a station."""
        await Station.create(id=station_id, online=online)

    async def add_variable(self, station_id: str, variable: ControllerVariable) -> None:
        """A device_variable row and its Actual attribute."""
        ref = VariableRef("DisplayMessageCtrlr", variable.variable)
        row = await DeviceVariable.create(
            station_id=station_id,
            key=ref.key,
            component_name="DisplayMessageCtrlr",
            variable_name=variable.variable,
            max_limit=variable.max_limit,
            updated_at=NOW,
        )
        await DeviceAttribute.create(
            variable_id=row.id, type="Actual", value=variable.value, updated_at=NOW
        )


backend = store_fixture(MemoryBackend, SqlBackend, [STATION])


async def _set(store: DisplayMessageStore, message_id: int, content: str, **fields: object) -> None:
    """Record a message the station accepted."""
    message = with_id(replace(BODY, content=content, **fields), message_id)  # type: ignore[arg-type]
    await store.open_message(STATION, message_id, message, NOW)
    await store.record_set_answer(STATION, message, ACCEPTED, NOW)


async def test_message_ids_are_allocated_per_station(backend: Backend) -> None:
    store = backend.store
    await backend.add_station("CS2")
    assert await store.open_message(STATION, None, BODY, NOW) == 1
    assert await store.open_message(STATION, 10, BODY, NOW) == 10
    assert await store.open_message(STATION, None, BODY, NOW) == 11
    assert await store.open_message("CS2", None, BODY, NOW) == 1
    assert await store.open_message("CS-NONE", None, BODY, NOW) is None
    assert await store.open_message("CS-NONE", 3, BODY, NOW) is None
    pending = await store.message(STATION, 1)
    assert pending is not None
    assert (pending.presence, pending.content, pending.requested_at) == (
        Presence.PENDING,
        "Hello",
        NOW,
    )


async def test_answers_to_set_and_replace(backend: Backend) -> None:
    """O01/O06: Accepted holds the new message; a refusal keeps a held one as it was, and
    makes a new one REFUSED; a message the CSMS never opened gets a row from its answer."""
    store = backend.store
    await _set(store, 1, "Old")
    replacement = with_id(replace(BODY, content="New", priority="InFront"), 1)
    await store.open_message(STATION, 1, replacement, LATER)
    held = await store.message(STATION, 1)
    assert held is not None and (held.content, held.presence) == ("Old", Presence.SET)
    await store.record_set_answer(STATION, replacement, StationAnswer("Rejected", "Full"), LATER)
    kept = await store.message(STATION, 1)
    assert kept is not None
    assert (kept.content, kept.presence, kept.status, kept.status_reason) == (
        "Old",
        Presence.SET,
        "Rejected",
        "Full",
    )
    await store.record_set_answer(STATION, replacement, ACCEPTED, LATEST)
    replaced = await store.message(STATION, 1)
    assert replaced is not None
    assert (replaced.content, replaced.priority, replaced.status) == ("New", "InFront", "Accepted")
    assert replaced.believed_since == NOW
    fresh = with_id(replace(BODY, content="Sent elsewhere"), 7)
    await store.record_set_answer(STATION, fresh, StationAnswer("NotSupportedState"), NOW)
    refused = await store.message(STATION, 7)
    assert refused is not None
    assert (refused.presence, refused.content, refused.outcome) == (
        Presence.REFUSED,
        "Sent elsewhere",
        "RESULT",
    )


async def test_o01_fr_16_always_front_replaces_always_front(backend: Backend) -> None:
    store = backend.store
    await _set(store, 1, "A", priority="AlwaysFront")
    await _set(store, 2, "N")
    await _set(store, 3, "B", priority="AlwaysFront")
    presences = []
    for message_id in (1, 2, 3):
        record = await store.message(STATION, message_id)
        assert record is not None
        presences.append(record.presence)
    assert presences == [Presence.REPLACED, Presence.SET, Presence.SET]
    held = sorted(await store.held_messages(STATION, NOW), key=lambda m: m.message_id)
    assert held == [
        HeldMessage(message_id=2, priority="NormalCycle"),
        HeldMessage(message_id=3, priority="AlwaysFront"),
    ]


async def test_held_messages_leave_out_the_ended_and_the_past(backend: Backend) -> None:
    store = backend.store
    await _set(store, 1, "Until later", end_date_time=LATER)
    await _set(store, 2, "Open")
    await store.open_message(STATION, 3, BODY, NOW)
    held = sorted(m.message_id for m in await store.held_messages(STATION, NOW))
    assert held == [1, 2]
    assert [m.message_id for m in await store.held_messages(STATION, LATER)] == [2]


async def test_failures_and_clears(backend: Backend) -> None:
    store = backend.store
    await store.open_message(STATION, 4, BODY, NOW)
    await store.record_set_failure(STATION, 4, "TIMEOUT", None)
    failed = await store.message(STATION, 4)
    assert failed is not None and (failed.presence, failed.outcome) == (Presence.FAILED, "TIMEOUT")
    await _set(store, 5, "Held")
    await store.record_set_failure(STATION, 5, "CALL_ERROR", "NotSupported")
    held = await store.message(STATION, 5)
    assert held is not None and (held.presence, held.error_code) == (Presence.SET, "NotSupported")
    await store.receive_part(STATION, NotifiedPart(60, (with_id(BODY, 5),), False), NOW)
    await store.record_clear_answer(STATION, 5, ACCEPTED, LATER)
    await store.record_clear_answer(STATION, 4, StationAnswer("Unknown"), LATER)
    cleared = await store.message(STATION, 5)
    unknown = await store.message(STATION, 4)
    assert cleared is not None and unknown is not None
    assert (cleared.presence, cleared.removed_at) == (Presence.CLEARED, LATER)
    assert unknown.presence == Presence.NOT_ON_STATION
    assert await store.reported_messages(STATION) == []


async def test_a_report_of_everything_settles_what_it_left_out(backend: Backend) -> None:
    """O03: parts in any order fill the catalogue; the first part with tbc false completes
    the request; ids it did not report leave the catalogue, and records SET before the
    request was sent are NOT_ON_STATION; the same part again (a resend) counts nothing; a
    later part brings its messages back."""
    store = backend.store
    await _set(store, 1, "Believed")
    await _set(store, 2, "Also believed")
    await store.receive_part(STATION, NotifiedPart(50, (with_id(BODY, 8),), False), NOW)
    request_id = await store.open_request(STATION, RequestFilter(), LATER)
    assert request_id == 51
    first = await store.receive_part(
        STATION, NotifiedPart(51, (with_id(replace(BODY, content="Shown"), 2),), True), LATEST
    )
    assert (first.completed, first.request.parts, first.request.messages) == (False, 1, 1)
    last = await store.receive_part(STATION, NotifiedPart(51, (), False), LATEST)
    assert (last.completed, last.request.completed_at) == (True, LATEST)
    again = await store.receive_part(STATION, NotifiedPart(51, (), False), LATEST)
    assert again.completed is False and again.request.parts == 2
    assert [row.message_id for row in await store.reported_messages(STATION)] == [2]
    gone = await store.message(STATION, 1)
    shown = await store.message(STATION, 2)
    assert gone is not None and shown is not None
    assert gone.presence == Presence.NOT_ON_STATION
    assert (shown.presence, shown.content, shown.confirmed_at) == (Presence.SET, "Shown", LATEST)
    late = await store.receive_part(STATION, NotifiedPart(51, (with_id(BODY, 1),), True), LATEST)
    assert late.request.messages == 2
    back = await store.message(STATION, 1)
    assert back is not None and back.presence == Presence.SET


async def test_a_report_of_some_ids_settles_only_those(backend: Backend) -> None:
    store = backend.store
    infos = tuple(with_id(BODY, n) for n in (1, 2, 3))
    await store.receive_part(STATION, NotifiedPart(1, infos, False), NOW)
    await store.open_request(STATION, RequestFilter(ids=(1, 2)), LATER)
    await store.receive_part(STATION, NotifiedPart(2, (infos[0],), False), LATEST)
    assert [row.message_id for row in await store.reported_messages(STATION)] == [1, 3]
    await store.open_request(STATION, RequestFilter(priority="InFront"), LATEST)
    await store.receive_part(STATION, NotifiedPart(3, (), False), LATEST)
    assert [row.message_id for row in await store.reported_messages(STATION)] == [1, 3]


async def test_answers_to_get(backend: Backend) -> None:
    """O03.FR.06: Unknown completes a request and settles it; an answer to a request the
    CSMS did not open records it with its filters; no answer records the outcome."""
    store = backend.store
    await store.receive_part(STATION, NotifiedPart(5, (with_id(BODY, 4),), False), NOW)
    request_id = await store.open_request(STATION, RequestFilter(), LATER)
    assert request_id == 6
    await store.record_request_answer(STATION, 6, RequestFilter(), StationAnswer("Unknown"), LATER)
    answered = await store.request(STATION, 6)
    assert answered is not None
    assert (answered.status, answered.outcome, answered.completed_at) == (
        "Unknown",
        "RESULT",
        LATER,
    )
    assert await store.reported_messages(STATION) == []
    await store.record_request_answer(
        STATION, 30, RequestFilter(ids=(1,)), StationAnswer("Accepted"), LATER
    )
    other = await store.request(STATION, 30)
    assert other is not None and (other.ids, other.status, other.completed_at) == (
        [1],
        "Accepted",
        None,
    )
    await store.open_request(STATION, RequestFilter(), LATER)
    await store.record_request_outcome(STATION, 31, "OFFLINE", None)
    offline = await store.request(STATION, 31)
    assert offline is not None and offline.outcome == "OFFLINE"
    assert [row.request_id for row in await store.requests(STATION, 2)] == [31, 30]
    assert [row.request_id for row in await store.requests(STATION, 5, before_id=30)] == [6, 5]
    assert await store.open_request("CS-NONE", RequestFilter(), NOW) is None


async def test_o02_fr_02_a_transaction_ends(backend: Backend) -> None:
    store = backend.store
    await _set(store, 1, "Bound", transaction_id="TX-1")
    await _set(store, 2, "Other", transaction_id="TX-2")
    bound = with_id(replace(BODY, transaction_id="TX-1"), 3)
    await store.receive_part(STATION, NotifiedPart(9, (bound,), False), NOW)
    assert await store.end_transaction(STATION, "TX-1", LATER) == 2
    ended = await store.message(STATION, 1)
    other = await store.message(STATION, 2)
    assert ended is not None and other is not None
    assert (ended.presence, ended.removed_at, other.presence) == (
        Presence.TRANSACTION_ENDED,
        LATER,
        Presence.SET,
    )
    assert await store.reported_messages(STATION) == []
    assert await store.end_transaction(STATION, "TX-1", LATER) == 0


async def test_the_controller_variables_and_the_message_pages(backend: Backend) -> None:
    store = backend.store
    await backend.add_variable(STATION, ControllerVariable("SupportedFormats", "ASCII,UTF8"))
    await backend.add_variable(STATION, ControllerVariable("DisplayMessages", "2", 10.0))
    variables = sorted(await store.controller_variables(STATION), key=lambda v: v.variable)
    assert variables == [
        ControllerVariable("DisplayMessages", "2", 10.0),
        ControllerVariable("SupportedFormats", "ASCII,UTF8", None),
    ]
    for n in (3, 1, 2):
        await _set(store, n, f"M{n}")
    await store.record_clear_answer(STATION, 2, ACCEPTED, NOW)
    assert [m.message_id for m in await store.messages(STATION, None, 2)] == [1, 2]
    assert [m.message_id for m in await store.messages(STATION, None, 5, after_id=1)] == [2, 3]
    assert [m.message_id for m in await store.messages(STATION, [Presence.SET], 5)] == [1, 3]


async def test_fleet_messages(backend: Backend) -> None:
    store = backend.store
    await backend.add_station("CS2", online=True)
    await backend.add_station("CS0", online=True)
    assert await store.fleet(False) == ["CS0", "CS1", "CS2"]
    assert await store.fleet(True) == ["CS0", "CS2"]
    opening = BroadcastOpening(
        message={"priority": "NormalCycle"},
        message_id=None,
        audience="ALL",
        concurrency=2,
        station_ids=("CS2", "CS0", "CS1"),
    )
    first = await store.open_broadcast(opening, NOW)
    second = await store.open_broadcast(replace(opening, station_ids=("CS1",)), NOW)
    await store.record_target(first, "CS0", TargetResult(outcome="ACCEPTED", message_id=4), LATER)
    await store.record_target(
        first, "CS1", TargetResult(outcome="REFUSED", status="Rejected", message_id=1), LATER
    )
    await store.finish_broadcast(second, "DONE", LATER)
    view = await store.broadcast(first)
    assert view is not None
    assert (view.total, view.status, view.message, view.audience) == (
        3,
        "RUNNING",
        {"priority": "NormalCycle"},
        "ALL",
    )
    assert dict(view.counts) == {"PENDING": 1, "ACCEPTED": 1, "REFUSED": 1}
    assert [b.id for b in await store.broadcasts(5)] == [second, first]
    assert [b.status for b in await store.broadcasts(5, before_id=second)] == ["RUNNING"]
    targets = await store.broadcast_targets(first, None, 10)
    assert [(t.station_id, t.outcome) for t in targets] == [
        ("CS2", "PENDING"),
        ("CS0", "ACCEPTED"),
        ("CS1", "REFUSED"),
    ]
    assert (targets[2].status, targets[2].message_id, targets[2].finished_at) == (
        "Rejected",
        1,
        LATER,
    )
    refused = await store.broadcast_targets(first, "REFUSED", 10)
    assert [t.station_id for t in refused] == ["CS1"]
    after = await store.broadcast_targets(first, None, 1, after_id=targets[0].id)
    assert [t.station_id for t in after] == ["CS0"]
    assert await store.broadcast(999) is None
