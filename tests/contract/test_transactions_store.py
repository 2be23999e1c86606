"""The transactions store's contract, run against the memory twin and the SQL store (SQLite
and PostgreSQL), so the twin the unit tests use cannot drift from the real one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from modules.transactions import (
    SampleFilter,
    SqlTransactionsStore,
    TransactionFilter,
    TransactionsStore,
)
from modules.transactions.energy import EnergyBounds, EnergyReading
from modules.transactions.memory_store import MemoryTransactionsStore
from modules.transactions.meter_values import Sample
from modules.transactions.policy import EventFacts, TransactionState, apply
from modules.transactions.store import LockedTransaction, NewEvent
from tests.support.stores import store_fixture

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
STATIONS = ("CS-A", "CS-B")


store = store_fixture(MemoryTransactionsStore, SqlTransactionsStore, stations=STATIONS)
"""An empty store; on a database, the STATIONS exist."""


def facts(seq_no: int, event_type: str = "Updated", minutes: int = 0, **more: object) -> EventFacts:
    return EventFacts(
        seq_no=seq_no,
        event_type=event_type,
        timestamp=T0 + timedelta(minutes=minutes),
        trigger_reason="Authorized",
        **more,  # type: ignore[arg-type]
    )


def sample(minutes: int, value: float, measurand: str = "Voltage", **more: object) -> Sample:
    moment = T0 + timedelta(minutes=minutes)
    fields: dict[str, object] = {
        "sampled_at": moment,
        "timestamp": moment.isoformat(),
        "value": value,
        "measurand": measurand,
        "phase": None,
        "location": None,
        "context": None,
        "unit": None,
        "multiplier": 0,
        "signed_data": None,
    }
    fields.update(more)
    return Sample(**fields)  # type: ignore[arg-type]


async def save(
    store: TransactionsStore,
    tx: LockedTransaction,
    event: EventFacts,
    samples: list[Sample] | None = None,
    group: str | None = None,
) -> TransactionState:
    state = apply(tx.state, event)
    bounds = EnergyBounds(EnergyReading(T0, 100.0, "Transaction.Begin"), None)
    payload = {"seqNo": event.seq_no, "eventType": event.event_type}
    response = {"idTokenInfo": {"status": "Accepted"}}
    new = NewEvent(event, f"m-{event.seq_no}", payload, response, T0)
    changed = replace(tx, state=state, bounds=bounds, group_id_token=group)
    await store.save_event(changed, new, samples or [])
    return state


async def test_a_new_transaction_is_created_empty_once(store: TransactionsStore) -> None:
    first = await store.lock("CS-A", "TX-1")
    again = await store.lock("CS-A", "TX-1")
    other = await store.lock("CS-B", "TX-1")

    assert first.pk == again.pk != other.pk
    assert (first.state, first.bounds, first.group_id_token) == (
        TransactionState(),
        EnergyBounds(None, None),
        None,
    )


async def test_a_saved_event_is_read_back(store: TransactionsStore) -> None:
    tx = await store.lock("CS-A", "TX-1")
    started = facts(0, "Started", evse_id=1, id_token="CARD", id_token_type="ISO14443")
    state = await save(store, tx, started, [sample(0, 230.0)], group="FLEET")

    locked = await store.lock("CS-A", "TX-1")
    assert locked.state == state
    assert locked.bounds == EnergyBounds(EnergyReading(T0, 100.0, "Transaction.Begin"), None)
    assert locked.group_id_token == "FLEET"
    event = await store.find_event(tx.pk, 0)
    assert event is not None
    assert (event.seq_no, event.event_type, event.message_id) == (0, "Started", "m-0")
    assert (event.id_token, event.timestamp, event.received_at) == ("CARD", T0, T0)
    assert event.response == {"idTokenInfo": {"status": "Accepted"}}
    assert await store.find_event(tx.pk, 1) is None
    assert await store.stored_payloads(tx.pk) == [{"seqNo": 0, "eventType": "Started"}]
    view = await store.transaction("CS-A", "TX-1")
    assert view is not None
    assert (view.pk, view.evse_id, view.id_token, view.group_id_token) == (
        tx.pk,
        1,
        "CARD",
        "FLEET",
    )
    assert (view.energy_start_wh, view.energy_start_at, view.energy_wh) == (100.0, T0, None)
    assert view.updated_at == T0
    assert await store.transaction("CS-A", "TX-2") is None


async def test_events_and_samples_of_transactions(store: TransactionsStore) -> None:
    one = await store.lock("CS-A", "TX-1")
    two = await store.lock("CS-A", "TX-2")
    await save(store, two, facts(0, "Started"), [sample(5, 2.0)])
    await save(
        store, one, facts(3), [sample(9, 1.0), sample(1, 3.0, "Energy.Active.Import.Register")]
    )
    one = await store.lock("CS-A", "TX-1")
    await save(store, one, facts(1), [sample(1, 4.0)])

    events = await store.events_of([one.pk, two.pk, 999])
    assert [e.seq_no for e in events[one.pk]] == [1, 3]
    assert [e.seq_no for e in events[two.pk]] == [0]
    assert events[999] == []
    every = await store.samples_of({one.pk: "TX-1", two.pk: "TX-2"}, None)
    assert [(s.value, s.transaction_id) for s in every[one.pk]] == [
        (3.0, "TX-1"),
        (4.0, "TX-1"),
        (1.0, "TX-1"),
    ]
    assert [s.value for s in every[two.pk]] == [2.0]
    voltage = await store.samples_of({one.pk: "TX-1"}, "Voltage")
    assert [s.value for s in voltage[one.pk]] == [4.0, 1.0]


async def test_many_samples_of_one_event_are_all_stored(store: TransactionsStore) -> None:
    tx = await store.lock("CS-A", "TX-1")
    await save(store, tx, facts(0, "Started"), [sample(n, float(n)) for n in range(70)])

    stored = await store.samples_of({tx.pk: "TX-1"}, None)
    assert [s.value for s in stored[tx.pk]] == [float(n) for n in range(70)]


async def test_transactions_are_filtered_and_paged_newest_first(
    store: TransactionsStore,
) -> None:
    pks = []
    for n, (station, token) in enumerate(
        [("CS-A", "CARD"), ("CS-A", "OTHER"), ("CS-B", "CARD"), ("CS-A", "CARD")]
    ):
        tx = await store.lock(station, f"TX-{n}")
        kind = "Ended" if n == 1 else "Started"
        await save(store, tx, facts(0, kind, minutes=n, id_token=token, id_token_type="Central"))
        pks.append(tx.pk)
    await store.lock("CS-A", "TX-empty")  # no event: never started

    async def ids(
        where: TransactionFilter, limit: int = 10, before: int | None = None
    ) -> list[str]:
        return [v.transaction_id for v in await store.transactions(where, limit, before)]

    everything = TransactionFilter()
    assert await ids(everything) == ["TX-empty", "TX-3", "TX-2", "TX-1", "TX-0"]
    assert await ids(everything, 2) == ["TX-empty", "TX-3"]
    assert await ids(everything, 10, pks[2]) == ["TX-1", "TX-0"]
    assert await ids(TransactionFilter(station_id="CS-A", id_token="CARD")) == ["TX-3", "TX-0"]
    assert await ids(TransactionFilter(active=False)) == ["TX-1"]
    window = TransactionFilter(
        started_after=T0 + timedelta(minutes=1), started_before=T0 + timedelta(minutes=3)
    )
    assert await ids(window) == ["TX-2", "TX-1"]
    assert await ids(replace(window, started_before=None)) == ["TX-3", "TX-2", "TX-1"]


async def test_station_samples_are_filtered_and_paged_newest_first(
    store: TransactionsStore,
) -> None:
    await store.save_samples("CS-A", 0, [sample(0, 1.0), sample(1, 2.0, "Power.Active.Import")])
    tx = await store.lock("CS-A", "TX-1")
    await save(store, tx, facts(0, "Started", evse_id=2), [sample(2, 3.0)])
    await store.save_samples("CS-B", 0, [sample(3, 4.0)])
    await store.save_samples("CS-A", 1, [sample(4, 5.0)])

    async def values(
        where: SampleFilter, limit: int = 10, before: int | None = None
    ) -> list[float]:
        return [s.value for s in await store.station_samples(where, limit, before)]

    a = SampleFilter("CS-A")
    assert await values(a) == [5.0, 3.0, 2.0, 1.0]
    page = await store.station_samples(a, 2, None)
    assert [s.value for s in page] == [5.0, 3.0]
    assert await values(a, 10, page[-1].pk) == [2.0, 1.0]
    assert await values(replace(a, evse_id=0)) == [2.0, 1.0]
    assert await values(replace(a, measurand="Voltage")) == [5.0, 3.0, 1.0]
    assert await values(replace(a, in_transaction=True)) == [3.0]
    assert await values(replace(a, in_transaction=False)) == [5.0, 2.0, 1.0]
    window = replace(
        a, sampled_after=T0 + timedelta(minutes=1), sampled_before=T0 + timedelta(minutes=4)
    )
    assert await values(window) == [3.0, 2.0]
    (in_tx,) = await store.station_samples(replace(a, in_transaction=True), 10, None)
    assert (in_tx.transaction_id, in_tx.evse_id, in_tx.source) == ("TX-1", 2, "TransactionEvent")
    assert (in_tx.sampled_at, in_tx.measurand, in_tx.multiplier) == (
        T0 + timedelta(minutes=2),
        "Voltage",
        0,
    )


async def test_samples_resent_are_stored_once_by_their_natural_key(
    store: TransactionsStore,
) -> None:
    """A MeterValues resent (new connection, another node, a crash before the answer) stores
    nothing new (0 new samples): station, EVSE, time and content are the sample's key.
    Anything differing in one of them is a sample of its own."""
    signed = {"signedMeterData": "abc", "signingMethod": "ECDSA", "encodingMethod": "OCMF"}
    sent = [sample(0, 1.0), sample(0, 230.0, "Voltage", phase="L1", signed_data=signed)]
    assert await store.save_samples("CS-A", 1, sent) == 2
    assert await store.save_samples("CS-A", 1, sent) == 0
    assert await store.save_samples("CS-A", 1, [sample(0, 1.0), sample(1, 2.0)]) == 1
    more = [sample(0, 1.5), sample(0, 1.0, "Power.Active.Import")]
    assert await store.save_samples("CS-A", 1, more) == 2
    assert await store.save_samples("CS-A", 2, [sample(0, 1.0)]) == 1
    assert await store.save_samples("CS-B", 1, [sample(0, 1.0)]) == 1

    stored = await store.station_samples(SampleFilter("CS-A"), 100, None)
    assert sorted((s.evse_id, s.sampled_at, s.measurand, s.value) for s in stored) == [
        (1, T0, "Power.Active.Import", 1.0),
        (1, T0, "Voltage", 1.0),
        (1, T0, "Voltage", 1.5),
        (1, T0, "Voltage", 230.0),
        (1, T0 + timedelta(minutes=1), "Voltage", 2.0),
        (2, T0, "Voltage", 1.0),
    ]
    assert len(await store.station_samples(SampleFilter("CS-B"), 100, None)) == 1


async def test_samples_of_a_transaction_event_are_stored_once_too(
    store: TransactionsStore,
) -> None:
    """The samples of a TransactionEvent share the table and its key: the same readings in a
    later event of the transaction add no rows, new ones do."""
    tx = await store.lock("CS-A", "TX-1")
    await save(store, tx, facts(0, "Started", evse_id=1), [sample(0, 1.0), sample(1, 2.0)])
    tx = await store.lock("CS-A", "TX-1")
    await save(store, tx, facts(1, evse_id=1), [sample(0, 1.0), sample(1, 2.0), sample(2, 3.0)])

    samples = (await store.samples_of({tx.pk: "TX-1"}, None))[tx.pk]
    assert [s.value for s in samples] == [1.0, 2.0, 3.0]
