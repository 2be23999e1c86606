"""The tariffs store's contract, run against the memory twin and the SQL store (on SQLite and
PostgreSQL): tariffs read back exactly (decimals, bands, text), revisions grow, assignments
are one per place and go with their tariff, a transaction's cost is created and replaced."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from infra.db.models import DeviceAttribute, DeviceVariable
from modules.device_model import VariableRef
from modules.tariffs import (
    Assignment,
    CostBreakdown,
    MeterPoint,
    Prices,
    SessionCost,
    SqlTariffStore,
    TariffSpec,
    TariffStore,
    band_of,
)
from modules.tariffs.memory_store import MemoryTariffStore
from tests.support.clock import NOW, STATION
from tests.support.stores import store_fixture

D = Decimal
store = store_fixture(MemoryTariffStore, SqlTariffStore, [STATION])
SPEC = TariffSpec(
    name="Standard",
    currency="EUR",
    prices=Prices(energy_per_kwh=D("0.30"), time_per_hour=D("1.5"), idle_per_hour=None),
    session_fee=D("0.50"),
    min_price=D("1.00"),
    max_price=D("80.00"),
    tax_rate_percent=D("21"),
    time_zone="Europe/Amsterdam",
    bands=(band_of([1, 2, 3, 4, 5], "18:00", "24:00", Prices(energy_per_kwh=D("0.455"))),),
    text="0.30 EUR/kWh, 0.455 after 18:00",
    language="en",
)
BREAKDOWN = CostBreakdown(
    currency="EUR",
    energy_wh=D("1500.5000"),
    charging_seconds=D("600.25"),
    idle_seconds=D("0"),
    energy=D("0.4502"),
    time=D("0.2501"),
    idle=D("0.0000"),
    fixed=D("0.50"),
    subtotal=D("1.2003"),
    minimum_applied=False,
    maximum_applied=False,
    net=D("1.20"),
    tax=D("0.25"),
    total=D("1.45"),
)


async def test_a_tariff_reads_back_exactly_and_its_revision_grows(store: TariffStore) -> None:
    assert not await store.has_tariffs()
    created = await store.create_tariff(SPEC, NOW)
    assert (created.spec, created.revision) == (SPEC, 1)
    assert await store.has_tariffs()
    changed = replace(SPEC, name="Peak", bands=(), text=None, min_price=None)
    later = NOW + timedelta(minutes=1)
    updated = await store.update_tariff(created.id, changed, later)
    assert updated is not None
    assert (updated.spec, updated.revision, updated.updated_at) == (changed, 2, later)
    assert await store.tariff(created.id) == updated
    assert await store.update_tariff(created.id + 100, changed, later) is None
    assert [t.id for t in await store.tariffs()] == [created.id]
    assert await store.delete_tariff(created.id)
    assert not await store.has_tariffs()


async def test_one_tariff_per_place_and_assignments_go_with_their_tariff(
    store: TariffStore,
) -> None:
    first = await store.create_tariff(SPEC, NOW)
    second = await store.create_tariff(replace(SPEC, name="Fleet"), NOW)
    station = Assignment(station_id=STATION)
    evse = Assignment(station_id=STATION, evse_id=1)
    token = Assignment(id_token="TOKEN-1")
    assert await store.assign(first.id, station)
    assert await store.assign(first.id, Assignment())
    assert await store.assign(second.id, token)
    assert await store.assign(second.id, station)
    assert not await store.assign(second.id + 100, evse)
    found = await store.assigned([token, evse, station, Assignment()])
    assert sorted((p.key, t) for p, t in found) == [
        ("default", first.id),
        (f"station:{STATION}", second.id),
        ("token:TOKEN-1", second.id),
    ]
    assert await store.unassign(token)
    assert not await store.unassign(token)
    assert await store.delete_tariff(second.id)
    assert not await store.delete_tariff(second.id)
    assert [(a.tariff_id, a.assignment) for a in await store.assignments()] == [
        (first.id, Assignment())
    ]


async def test_a_transaction_cost_is_created_then_replaced(store: TariffStore) -> None:
    assert await store.session_cost(STATION, "TX-1") is None
    cost = SessionCost(
        station_id=STATION,
        transaction_id="TX-1",
        tariff_id=7,
        tariff_revision=1,
        told="7:1",
        started_at=NOW,
        ended_at=None,
        points=(
            MeterPoint(at=NOW, energy_wh=D("1000.0"), charging_state="Charging"),
            MeterPoint(at=NOW + timedelta(minutes=10), energy_wh=D("2500.5")),
        ),
        breakdown=BREAKDOWN,
        final=False,
        updated_at=NOW,
    )
    await store.save_session_cost(cost)
    assert await store.session_cost(STATION, "TX-1") == cost
    ended = replace(
        cost,
        ended_at=NOW + timedelta(minutes=20),
        final=True,
        breakdown=replace(BREAKDOWN, total=D("2.00")),
    )
    await store.save_session_cost(ended)
    assert await store.session_cost(STATION, "TX-1") == ended
    assert await store.session_cost("CS-OTHER", "TX-1") is None


async def test_the_running_cost_on_an_evse_is_the_latest_not_final_one(store: TariffStore) -> None:
    base = SessionCost(
        station_id=STATION,
        transaction_id="TX-A",
        tariff_id=1,
        tariff_revision=1,
        told=None,
        started_at=NOW,
        ended_at=None,
        points=(),
        breakdown=BREAKDOWN,
        final=False,
        updated_at=NOW,
        evse_id=1,
    )
    await store.save_session_cost(replace(base, final=True, updated_at=NOW + timedelta(hours=1)))
    assert await store.open_cost_on(STATION, 1) is None
    await store.save_session_cost(replace(base, transaction_id="TX-B"))
    await store.save_session_cost(replace(base, transaction_id="TX-C", evse_id=2))
    running = await store.open_cost_on(STATION, 1)
    assert running is not None and (running.transaction_id, running.evse_id) == ("TX-B", 1)
    assert await store.session_cost(STATION, "TX-B", lock=True) == running
    assert await store.open_cost_on("CS-OTHER", 1) is None


async def _report(store: TariffStore, variable: VariableRef, value: str) -> None:
    """A support variable's Actual value, as the device model stores it."""
    if isinstance(store, MemoryTariffStore):
        names = {
            ("TariffCostCtrlr", "Available"): "tariffavailable",
            ("TariffCostCtrlr", "Enabled"): "tariffenabled",
            ("DisplayMessageCtrlr", "Available"): "displayavailable",
        }
        store.report_support(STATION, names[(variable.component, variable.variable)], value)
        return
    row = await DeviceVariable.create(
        station_id=STATION,
        key=variable.key,
        component_name=variable.component,
        variable_name=variable.variable,
        variable_instance=variable.variable_instance,
        updated_at=NOW,
    )
    await DeviceAttribute.create(variable_id=row.id, type="Actual", value=value, updated_at=NOW)


async def test_the_support_variables_read_back_lower_cased(store: TariffStore) -> None:
    """I01.FR.02: TariffCostCtrlr Available/Enabled of instance Tariff, DisplayMessageCtrlr
    Available."""
    assert await store.tariff_support(STATION) == {}
    enabled = VariableRef("TariffCostCtrlr", "Enabled", variable_instance="Tariff")
    await _report(store, enabled, "False")
    await _report(store, VariableRef("DisplayMessageCtrlr", "Available"), "true")
    assert await store.tariff_support(STATION) == {
        "tariffenabled": "false",
        "displayavailable": "true",
    }
    assert await store.tariff_support("CS-OTHER") == {}
