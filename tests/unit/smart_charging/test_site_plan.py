"""Sharing a site's grid limit (Part 2 K 2.2, central smart charging) against hand-worked cases:
the working is in the comments. Limits in A are per phase; W = A x 230 V x phases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from modules.kernel import schemas
from modules.kernel.codec import encode
from modules.smart_charging.site_plan import (
    Change,
    Holding,
    Reason,
    SiteLimit,
    SitePlan,
    SiteTransaction,
    capacity_watts,
    plan_site,
    tx_profile,
)
from tests.support.clock import NOW
from tests.unit.smart_charging.profiles import A, W


def tx(name: str, minute: int = 0, **more: Any) -> SiteTransaction:
    values: dict[str, Any] = {
        "station_id": f"CS-{name}",
        "evse_id": 1,
        "started_at": NOW + timedelta(minutes=minute),
        "min_limit": 6.0,
        "max_limit": 32.0,
        **more,
    }
    return SiteTransaction(transaction_id=name, **values)


def shares(plan: SitePlan) -> dict[str, tuple[float, Reason]]:
    return {a.transaction.transaction_id: (a.limit, a.reason) for a in plan.allocations}


def test_an_equal_share_rounded_down_to_a_tenth() -> None:
    # 32 A / 3 = 10.67 A each, rounded down: 10.6 (3 x 10.6 = 31.8 <= 32)
    plan = plan_site(SiteLimit(32), [tx("a"), tx("b"), tx("c")], NOW)

    assert shares(plan) == {name: (10.6, Reason.SHARE) for name in "abc"}
    assert plan.counted <= 32


def test_a_maximum_below_the_share_leaves_more_to_the_others() -> None:
    # 40 A: a stops at its max 10, b and c share the other 30: 15 each
    plan = plan_site(SiteLimit(40), [tx("a", max_limit=10), tx("b"), tx("c")], NOW)

    assert shares(plan) == {
        "a": (10, Reason.AT_MAXIMUM),
        "b": (15, Reason.SHARE),
        "c": (15, Reason.SHARE),
    }


def test_a_minimum_above_the_share_is_kept_and_the_others_share_the_rest() -> None:
    # 20 A: a needs 8; if all had L >= 8, 3L = 20 gives L = 6.67 < 8, so a = 8 and
    # 8 + 2L = 20: L = 6 for b and c
    transactions = [tx("a", min_limit=8), tx("b", min_limit=0), tx("c", min_limit=0)]

    plan = plan_site(SiteLimit(20), transactions, NOW)

    assert shares(plan) == {
        "a": (8, Reason.AT_MINIMUM),
        "b": (6, Reason.SHARE),
        "c": (6, Reason.SHARE),
    }
    assert plan.level == 6


def test_room_for_every_maximum_gives_every_maximum() -> None:
    plan = plan_site(SiteLimit(100), [tx("a"), tx("b")], NOW)

    assert shares(plan) == {name: (32, Reason.AT_MAXIMUM) for name in "ab"}
    assert plan.level is None


def test_when_the_minimums_do_not_fit_the_earliest_keep_theirs() -> None:
    # 15 A, minimums 6: a (first) and b keep 6 (12), c's 6 does not fit the 3 left: 0.
    # the 3 A left go to a and b: 2 L = 15 gives L = 7.5
    plan = plan_site(SiteLimit(15), [tx("c", 2), tx("a", 0), tx("b", 1)], NOW)

    assert shares(plan) == {
        "a": (7.5, Reason.SHARE),
        "b": (7.5, Reason.SHARE),
        "c": (0, Reason.NO_ROOM),
    }


def test_a_later_smaller_minimum_still_fits_after_a_larger_one_did_not() -> None:
    # 14 A: a keeps 6 (8 left), b's 10 does not fit, c's 6 does (2 left), shared by a and c
    transactions = [tx("a", 0), tx("b", 1, min_limit=10), tx("c", 2)]

    plan = plan_site(SiteLimit(14), transactions, NOW)

    assert shares(plan) == {
        "a": (7, Reason.SHARE),
        "b": (0, Reason.NO_ROOM),
        "c": (7, Reason.SHARE),
    }


def test_a_site_in_watts_shares_watts() -> None:
    # 22080 W: each gets 11040 W. a on 1 phase would take 11040 / 230 = 48 A > 32: capped at
    # 32 A = 7360 W; b (3 phases) gets 22080 - 7360 = 14720 W = 14720 / 690 = 21.33 A -> 21.3
    plan = plan_site(SiteLimit(22080, W), [tx("a", phases=1), tx("b")], NOW)

    assert shares(plan) == {"a": (32, Reason.AT_MAXIMUM), "b": (21.3, Reason.SHARE)}
    assert plan.counted <= 22080


def test_a_transaction_in_watts_on_a_site_in_amperes() -> None:
    # 32 A site: a's 22080 W max on 3 phases = 32 A; each gets 16 A = 11040 W
    plan = plan_site(SiteLimit(32), [tx("a", unit=W, min_limit=0, max_limit=22080), tx("b")], NOW)

    assert shares(plan) == {"a": (11040, Reason.SHARE), "b": (16, Reason.SHARE)}


def test_a_station_that_does_not_answer_is_counted_at_what_it_holds() -> None:
    # a holds 16 A: b and c share 32 - 16 = 16, 8 each; a is told nothing
    held = tx("a", responsive=False, holding=Holding(16))

    plan = plan_site(SiteLimit(32), [held, tx("b"), tx("c")], NOW)

    assert shares(plan) == {
        "a": (16, Reason.UNRESPONSIVE),
        "b": (8, Reason.SHARE),
        "c": (8, Reason.SHARE),
    }
    assert not plan.allocations[0].send


def test_after_its_lease_a_silent_station_counts_at_its_minimum() -> None:
    # a was told 16 A for 5 min then 6 A (its minimum): before the end 16, after it 6 and the
    # others get (32 - 6) / 2 = 13
    until = NOW + timedelta(minutes=5)
    held = tx("a", responsive=False, holding=Holding(16, until, 6))
    others = [tx("b"), tx("c")]

    before = plan_site(SiteLimit(32), [held, *others], NOW)
    after = plan_site(SiteLimit(32), [held, *others], until)

    assert (shares(before)["b"], before.replan_at) == ((8, Reason.SHARE), until)
    assert shares(after) == {
        "a": (6, Reason.UNRESPONSIVE),
        "b": (13, Reason.SHARE),
        "c": (13, Reason.SHARE),
    }
    assert after.replan_at is None


def test_a_holding_without_fallback_keeps_its_limit_after_its_end() -> None:
    held = tx("a", responsive=False, holding=Holding(16, NOW, None))

    plan = plan_site(SiteLimit(32), [held, tx("b")], NOW + timedelta(hours=1))

    assert shares(plan) == {"a": (16, Reason.UNRESPONSIVE), "b": (16, Reason.SHARE)}
    assert plan.replan_at is None


def test_a_silent_station_with_nothing_known_counts_at_its_maximum() -> None:
    plan = plan_site(SiteLimit(40), [tx("a", responsive=False), tx("b")], NOW)

    assert shares(plan) == {"a": (32, Reason.UNRESPONSIVE), "b": (8, Reason.SHARE)}


def test_silent_stations_holding_more_than_the_site_leave_nothing_to_the_others() -> None:
    plan = plan_site(SiteLimit(10), [tx("a", responsive=False, holding=Holding(16)), tx("b")], NOW)

    assert shares(plan)["b"] == (0, Reason.NO_ROOM)
    assert plan.over_limit


def test_a_suspended_transaction_keeps_its_minimum() -> None:
    # b suspended keeps 6; a and c share 26: 13 each
    plan = plan_site(SiteLimit(32), [tx("a"), tx("b", suspended=True), tx("c")], NOW)

    assert shares(plan) == {
        "a": (13, Reason.SHARE),
        "b": (6, Reason.SUSPENDED),
        "c": (13, Reason.SHARE),
    }


def test_lowered_limits_go_first_and_raised_ones_after() -> None:
    # a held 20, b held 6, c new: 32 / 3 -> 10.6 each: a lowers, b raises, c (unknown) lowers
    transactions = [tx("a", holding=Holding(20)), tx("b", holding=Holding(6)), tx("c")]

    plan = plan_site(SiteLimit(32), transactions, NOW)

    assert [a.transaction.transaction_id for a in plan.lowering] == ["a", "c"]
    assert [a.transaction.transaction_id for a in plan.raising] == ["b"]
    # once the lowered are acknowledged and while b still holds its 6: 10.6 + 10.6 + 6 <= 32
    assert sum(a.counted for a in plan.lowering) + 6 == 27.2


def test_an_unchanged_limit_is_not_sent_again() -> None:
    plan = plan_site(
        SiteLimit(32), [tx("a", holding=Holding(16)), tx("b", holding=Holding(16))], NOW
    )

    assert [a.change for a in plan.allocations] == [Change.KEEP, Change.KEEP]
    assert not plan.lowering and not plan.raising


def test_the_site_s_capacity_in_watts() -> None:
    assert capacity_watts(SiteLimit(32, A, 3)) == 22080
    assert capacity_watts(SiteLimit(11000, W)) == 11000


def test_the_tx_profile_for_a_planned_limit_k01_fr_03() -> None:
    plan = plan_site(SiteLimit(32), [tx("a", evse_id=2), tx("b")], NOW)

    request = tx_profile(plan.allocations[0], profile_id=7, now=NOW, lease=300)

    payload = encode(request)
    schemas.validate("SetChargingProfile", "Request", payload)
    assert payload == {
        "evseId": 2,
        "chargingProfile": {
            "id": 7,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxProfile",
            "chargingProfileKind": "Absolute",
            "transactionId": "a",
            "chargingSchedule": [
                {
                    "id": 7,
                    "chargingRateUnit": "A",
                    "startSchedule": "2026-11-24T10:00:00.000Z",
                    "chargingSchedulePeriod": [
                        {"startPeriod": 0, "limit": 16, "numberPhases": 3},
                        {"startPeriod": 300, "limit": 6, "numberPhases": 3},
                    ],
                }
            ],
        },
    }


def test_without_a_lease_the_tx_profile_holds_one_period() -> None:
    plan = plan_site(SiteLimit(32), [tx("a")], NOW)

    payload = encode(tx_profile(plan.allocations[0], profile_id=1, now=NOW, stack_level=2))

    profile = payload["chargingProfile"]
    assert profile["stackLevel"] == 2
    assert profile["chargingSchedule"][0]["chargingSchedulePeriod"] == [
        {"startPeriod": 0, "limit": 32, "numberPhases": 3}
    ]


def test_k01_fr_16_no_tx_profile_for_evse_0() -> None:
    plan = plan_site(SiteLimit(32), [tx("a", evse_id=0)], NOW)

    with pytest.raises(ValueError, match=r"K01\.FR\.16"):
        tx_profile(plan.allocations[0], profile_id=1, now=NOW)
