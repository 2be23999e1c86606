"""The site plan through sequences of starts, stops, suspensions, new site limits and stations
that stop and resume answering: after every step the transactions together never count for
more than the site's limit (unless silent stations alone hold more), each answering one stays
within its maximum and, when kept, at least its minimum, and equal shares are equal."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest

from modules.smart_charging.site_plan import (
    SLACK,
    Holding,
    Reason,
    SiteLimit,
    SitePlan,
    SiteTransaction,
    plan_site,
)
from modules.smart_charging.units import convert, floor_tenth
from tests.support.clock import NOW
from tests.unit.smart_charging.profiles import A, W

VOLTAGE = 230.0
LEASE = timedelta(minutes=5)


class Site:
    """A site the test drives: its limit, its transactions, and what each station holds after
    the last plan (an answering station takes its new limit; a silent one keeps what it had)."""

    def __init__(self, limit: SiteLimit) -> None:
        self.limit = limit
        self.now = NOW
        self.transactions: dict[str, SiteTransaction] = {}
        self.plan: SitePlan | None = None

    def replan(self) -> SitePlan:
        plan = plan_site(self.limit, self.transactions.values(), self.now, VOLTAGE)
        for allocation in plan.allocations:
            tx = allocation.transaction
            if tx.responsive:
                holding = Holding(allocation.limit, self.now + LEASE, floor_tenth(tx.min_limit))
                self.transactions[tx.transaction_id] = replace(tx, holding=holding)
        self.plan = plan
        check(plan, self.limit)
        return plan

    def start(self, name: str, **more: object) -> SitePlan:
        values: dict[str, object] = {
            "station_id": f"CS-{name}",
            "evse_id": 1,
            "started_at": self.now,
            "min_limit": 6.0,
            "max_limit": 32.0,
            **more,
        }
        self.transactions[name] = SiteTransaction(name, **values)  # type: ignore[arg-type]
        return self.replan()

    def change(self, name: str, **more: object) -> SitePlan:
        self.transactions[name] = replace(self.transactions[name], **more)  # type: ignore[arg-type]
        return self.replan()

    def stop(self, name: str) -> SitePlan:
        del self.transactions[name]
        return self.replan()

    def new_limit(self, value: float) -> SitePlan:
        self.limit = replace(self.limit, value=value)
        return self.replan()

    def wait(self, delta: timedelta) -> SitePlan:
        self.now += delta
        return self.replan()


def check(plan: SitePlan, site: SiteLimit) -> None:
    """The invariants of a plan."""
    if not plan.over_limit:
        assert plan.counted <= site.value + SLACK
    tenth = 0.0
    for allocation in plan.allocations:
        tx = allocation.transaction
        if not tx.responsive:
            continue
        assert 0 <= allocation.limit <= tx.max_limit
        if allocation.reason is not Reason.NO_ROOM:
            assert allocation.limit >= floor_tenth(tx.min_limit)
        tenth = max(tenth, convert(0.1, tx.unit, site.unit, VOLTAGE, tx.phases))
    shared = [a.counted for a in plan.allocations if a.reason is Reason.SHARE]
    if shared:
        assert plan.level is not None
        assert all(plan.level - tenth - SLACK <= value <= plan.level + SLACK for value in shared)


def limits(plan: SitePlan) -> dict[str, float]:
    return {a.transaction.transaction_id: a.limit for a in plan.allocations}


def test_a_day_at_a_32_a_site() -> None:
    site = Site(SiteLimit(32))

    assert limits(site.start("a")) == {"a": 32}
    assert limits(site.start("b")) == {"a": 16, "b": 16}
    assert limits(site.start("c")) == {"a": 10.6, "b": 10.6, "c": 10.6}
    # b suspended keeps its 6: a and c share 26
    assert limits(site.change("b", suspended=True)) == {"a": 13, "b": 6, "c": 13}
    # the grid operator lowers the site to 20 A: b 6, a and c (20 - 6) / 2 = 7
    assert limits(site.new_limit(20)) == {"a": 7, "b": 6, "c": 7}
    # c's station stops answering while holding 7 (lease of 5 min, then its minimum 6)
    assert limits(site.change("c", responsive=False)) == {"a": 7, "b": 6, "c": 7}
    # a stops: b keeps 6 suspended, c still counted at 7
    assert limits(site.stop("a")) == {"b": 6, "c": 7}
    # b resumes: it may take 20 - 7 = 13
    assert limits(site.change("b", suspended=False)) == {"b": 13, "c": 7}
    # c's lease ends: it is counted at its minimum 6, b gets 14
    plan = site.wait(LEASE)
    assert limits(plan) == {"b": 14, "c": 6}
    # c answers again and is given an equal share: 10 each
    assert limits(site.change("c", responsive=True)) == {"b": 10, "c": 10}
    # a new limit too low for two minimums (10 A): b, first, keeps 6 and takes the rest
    assert limits(site.new_limit(10)) == {"b": 10, "c": 0}


def test_a_silent_station_holding_more_than_a_lowered_site_limit() -> None:
    site = Site(SiteLimit(32))
    site.start("a")
    site.change("a", responsive=False)  # holds 32 for 5 min

    plan = site.new_limit(20)
    assert plan.over_limit
    assert limits(site.start("b")) == {"a": 32, "b": 0}
    # after the lease a falls to its minimum 6: b may take 14
    assert limits(site.wait(LEASE)) == {"a": 6, "b": 14}
    assert site.plan is not None and not site.plan.over_limit


@pytest.mark.parametrize("seed", range(200))
def test_random_sequences_keep_the_invariants(seed: int) -> None:
    rng = random.Random(seed)
    unit = rng.choice([A, W])
    site = Site(SiteLimit(rng.choice([16, 32, 63, 100]) * (1 if unit is A else 690), unit))
    names = iter(f"t{n}" for n in range(1000))
    for _ in range(40):
        step = rng.randrange(6)
        running = sorted(site.transactions)
        if step == 0 or not running:
            tx_unit = rng.choice([A, W])
            phases = rng.choice([1, 3])
            scale = 1 if tx_unit is A else VOLTAGE * phases
            low = rng.choice([0, 6, 8, 10]) * scale
            site.start(
                next(names),
                unit=tx_unit,
                phases=phases,
                min_limit=low,
                max_limit=rng.choice([16, 32, 48]) * scale,
            )
        elif step == 1:
            site.stop(rng.choice(running))
        elif step == 2:
            name = rng.choice(running)
            site.change(name, suspended=not site.transactions[name].suspended)
        elif step == 3:
            name = rng.choice(running)
            site.change(name, responsive=not site.transactions[name].responsive)
        elif step == 4:
            site.new_limit(site.limit.value * rng.choice([0.5, 0.8, 1.25, 2]))
        else:
            site.wait(timedelta(minutes=rng.randrange(1, 8)))
