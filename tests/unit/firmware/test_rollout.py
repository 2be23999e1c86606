"""A campaign's next step (pure): waves of at most maxConcurrent, the pause between waves, the
failure threshold (count or fraction), stations settled by their update, their timeout, or
sent back to Pending when their update was never recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from modules.firmware.records import CampaignStationView, CampaignView
from modules.firmware.rollout import Settlement, next_step
from tests.support.clock import NOW

GRACE = 60.0


def _station(station_id: str, state: str = "Pending", **more: Any) -> CampaignStationView:
    values: dict[str, Any] = {
        "wave": None,
        "started_at": None,
        "finished_at": None,
        "failure_reason": None,
    }
    return CampaignStationView(station_id=station_id, state=state, **{**values, **more})


def _updating(station_id: str, **update: Any) -> CampaignStationView:
    sent = {"request_id": 1, "outcome": "RESULT", "status": "Accepted"}
    return _station(station_id, "Updating", wave=1, started_at=NOW, **{**sent, **update})


def _campaign(*stations: CampaignStationView, **more: Any) -> CampaignView:
    values: dict[str, Any] = {
        "name": "c",
        "firmware_id": 1,
        "version": "2.0",
        "location": "https://fw.example/f",
        "signature": None,
        "signing_certificate": None,
        "retries": None,
        "retry_interval": None,
        "install_date_time": None,
        "max_concurrent": 2,
        "wave_pause": 30.0,
        "max_failures": None,
        "max_failure_fraction": None,
        "station_timeout": 600.0,
        "created_at": NOW,
        "id": 1,
        "status": "Running",
        "active": True,
        "halted_reason": None,
        "wave": 0,
        "next_wave_at": NOW,
        "finished_at": None,
        "lease_owner": "node-a",
        "lease_until": None,
    }
    return CampaignView(**{**values, **more}, stations=stations)


def test_the_first_wave_starts_at_once_with_at_most_max_concurrent() -> None:
    campaign = _campaign(*(_station(f"S{n}") for n in range(1, 6)))

    step = next_step(campaign, NOW, GRACE)

    assert (step.started, step.wave, step.next_wave_at, step.settled) == (("S1", "S2"), 1, None, ())
    assert step.changes(campaign)


def test_no_wave_starts_while_one_is_updating() -> None:
    campaign = _campaign(_updating("S1"), _station("S2"), wave=1, next_wave_at=None)

    step = next_step(campaign, NOW + timedelta(seconds=599), GRACE)

    assert (step.started, step.settled) == ((), ())
    assert not step.changes(campaign)


def test_the_next_wave_waits_for_the_pause_after_the_last_one_ended() -> None:
    campaign = _campaign(
        _updating("S1", last_status="Installed"), _station("S2"), wave=1, next_wave_at=None
    )

    ended = next_step(campaign, NOW, GRACE)
    assert ended.settled == (Settlement("S1", "Succeeded"),)
    assert (ended.started, ended.next_wave_at) == ((), NOW + timedelta(seconds=30))

    waiting = replace(
        campaign,
        stations=(replace(campaign.stations[0], state="Succeeded"), campaign.stations[1]),
        next_wave_at=ended.next_wave_at,
    )
    assert next_step(waiting, NOW + timedelta(seconds=29), GRACE).started == ()
    due = next_step(waiting, NOW + timedelta(seconds=30), GRACE)
    assert (due.started, due.wave) == (("S2",), 2)


def test_a_campaign_without_a_pause_starts_the_next_wave_in_the_same_step() -> None:
    campaign = _campaign(
        _updating("S1", last_status="Installed"),
        _station("S2"),
        wave=1,
        next_wave_at=None,
        wave_pause=0.0,
    )

    step = next_step(campaign, NOW, GRACE)

    assert (step.settled, step.started, step.wave) == ((Settlement("S1", "Succeeded"),), ("S2",), 2)


def test_it_halts_when_failures_reach_the_count_and_follows_the_rest() -> None:
    campaign = _campaign(
        _updating("S1", last_status="DownloadFailed"),
        _updating("S2", last_status="Downloading"),
        _station("S3"),
        wave=1,
        next_wave_at=None,
        max_failures=1,
    )

    step = next_step(campaign, NOW, GRACE)

    assert step.settled == (Settlement("S1", "Failed", "DownloadFailed"),)
    assert (step.status, step.active, step.started, step.finished_at) == ("Halted", True, (), NOW)
    assert step.halted_reason == "1 of 3 stations failed (maxFailures 1)"
    halted = replace(
        campaign,
        status="Halted",
        stations=(
            replace(campaign.stations[0], state="Failed"),
            replace(campaign.stations[1], last_status="Installed"),
            campaign.stations[2],
        ),
    )
    over = next_step(halted, NOW, GRACE)
    assert (over.settled, over.status, over.active, over.started) == (
        (Settlement("S2", "Succeeded"),),
        "Halted",
        False,
        (),
    )


def test_it_halts_at_a_fraction_of_all_its_stations() -> None:
    stations = [_station(f"S{n}", "Succeeded") for n in range(1, 9)]
    stations += [_updating("S9", status="Rejected"), _station("S10")]
    campaign = _campaign(*stations, wave=5, next_wave_at=None, max_failure_fraction=0.1)

    step = next_step(campaign, NOW, GRACE)

    assert (step.status, step.halted_reason) == (
        "Halted",
        "1 of 10 stations failed (maxFailureFraction 0.1)",
    )
    below = replace(campaign, max_failure_fraction=0.2)
    assert next_step(below, NOW, GRACE).status == "Running"


def test_it_completes_when_every_station_ended() -> None:
    campaign = _campaign(_station("S1", "Succeeded"), _updating("S2", outcome="OFFLINE"), wave=1)

    step = next_step(campaign, NOW, GRACE)

    assert step.settled == (Settlement("S2", "Failed", "OFFLINE"),)
    assert (step.status, step.active, step.finished_at) == ("Completed", False, NOW)


def test_a_station_without_an_answer_or_status_times_out() -> None:
    campaign = _campaign(_updating("S1"), wave=1, next_wave_at=None, station_timeout=600.0)

    assert next_step(campaign, NOW + timedelta(seconds=599), GRACE).settled == ()
    late = next_step(campaign, NOW + timedelta(seconds=600), GRACE)
    assert late.settled == (Settlement("S1", "Failed", "Timeout"),)
    sending = next_step(campaign, NOW + timedelta(seconds=600), GRACE, frozenset({"S1"}))
    assert sending.settled == ()


def test_a_station_whose_update_was_never_recorded_goes_back_to_pending() -> None:
    """Its node died between marking it and recording the update: nothing was sent."""
    lost = _station("S1", "Updating", wave=1, started_at=NOW)
    campaign = _campaign(lost, wave=1, next_wave_at=None)

    assert next_step(campaign, NOW + timedelta(seconds=59), GRACE).settled == ()
    assert next_step(campaign, NOW + timedelta(hours=1), GRACE, frozenset({"S1"})).settled == ()
    again = next_step(campaign, NOW + timedelta(seconds=60), GRACE)
    assert again.settled == (Settlement("S1", "Pending"),)
    assert again.next_wave_at == NOW + timedelta(seconds=90)


def test_a_canceled_campaign_starts_nothing_and_ends_with_its_last_station() -> None:
    campaign = _campaign(
        _updating("S1", last_status="Installed"), _station("S2"), status="Canceled", wave=1
    )

    step = next_step(campaign, NOW, GRACE)

    assert (step.started, step.status, step.active) == ((), "Canceled", False)
