"""A firmware campaign's next step, decided from its stored state and the time (pure).

A campaign rolls out in waves: up to `max_concurrent` pending stations are sent their
UpdateFirmware together; the next wave starts `wave_pause` seconds after every station of the
previous one ended (Installed, a failure, or `station_timeout` seconds without either). Once
the failed stations reach `max_failures`, or the fraction `max_failure_fraction` of all the
campaign's stations, it halts: no further wave starts, and the stations still updating are
followed to their end. A station whose UpdateFirmware was never recorded within `grace`
seconds of being started (its node died before sending) goes back to Pending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from modules.firmware import policy
from modules.firmware.records import (
    CampaignStationView,
    CampaignStatus,
    CampaignView,
    StationState,
)


@dataclass(frozen=True, slots=True)
class Settlement:
    """A station's new state (Succeeded, Failed with the reason, or Pending to try again)."""

    station_id: str
    state: str
    failure_reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignStep:
    """What to write: stations settled, stations starting a wave, the campaign's state."""

    settled: tuple[Settlement, ...]
    started: tuple[str, ...]
    wave: int
    status: str
    active: bool
    halted_reason: str | None
    next_wave_at: datetime | None
    finished_at: datetime | None

    def changes(self, campaign: CampaignView) -> bool:
        """Whether anything needs writing."""
        return bool(self.settled or self.started) or (
            self.status,
            self.active,
            self.next_wave_at,
            self.wave,
        ) != (campaign.status, campaign.active, campaign.next_wave_at, campaign.wave)


def settle(
    station: CampaignStationView,
    campaign: CampaignView,
    now: datetime,
    grace: float,
    sending: frozenset[str],
) -> Settlement | None:
    """How an updating station ended, or None while it is still under way."""
    busy = station.station_id in sending
    started = station.started_at or now
    if station.request_id is None:
        if busy or now - started < timedelta(seconds=grace):
            return None
        return Settlement(station.station_id, StationState.PENDING)
    ended = policy.update_outcome(
        station.outcome, station.status, station.last_status, station.superseded_by is not None
    )
    if ended is not None:
        succeeded, why = ended
        if succeeded:
            return Settlement(station.station_id, StationState.SUCCEEDED)
        return Settlement(station.station_id, StationState.FAILED, why)
    if not busy and now - started >= timedelta(seconds=campaign.station_timeout):
        return Settlement(station.station_id, StationState.FAILED, "Timeout")
    return None


def threshold_reached(campaign: CampaignView, failed: int) -> str | None:
    """Why the campaign halts with `failed` stations failed, or None."""
    total = len(campaign.stations)
    if campaign.max_failures is not None and failed >= campaign.max_failures:
        return f"{failed} of {total} stations failed (maxFailures {campaign.max_failures})"
    fraction = campaign.max_failure_fraction
    if fraction is not None and total and failed / total >= fraction:
        return f"{failed} of {total} stations failed (maxFailureFraction {fraction:g})"
    return None


def next_step(
    campaign: CampaignView, now: datetime, grace: float, sending: frozenset[str] = frozenset()
) -> CampaignStep:
    """The campaign's next step at `now`; `sending` are the stations whose UpdateFirmware this
    node is sending right now."""
    states = {station.station_id: station.state for station in campaign.stations}
    settled = []
    for station in campaign.stations:
        if station.state == StationState.UPDATING:
            found = settle(station, campaign, now, grace, sending)
            if found is not None:
                settled.append(found)
                states[found.station_id] = found.state
    pending = [sid for sid, state in states.items() if state == StationState.PENDING]
    updating = sum(1 for state in states.values() if state == StationState.UPDATING)
    failed = sum(1 for state in states.values() if state == StationState.FAILED)
    status, reason = campaign.status, campaign.halted_reason
    wave, next_wave_at, finished_at = campaign.wave, campaign.next_wave_at, campaign.finished_at
    started: list[str] = []
    if status == CampaignStatus.RUNNING:
        reached = threshold_reached(campaign, failed)
        if reached is not None:
            status, reason, next_wave_at, finished_at = CampaignStatus.HALTED, reached, None, now
        elif not pending and not updating:
            status, next_wave_at, finished_at = CampaignStatus.COMPLETED, None, now
        elif not updating:
            if next_wave_at is None:
                next_wave_at = now + timedelta(seconds=campaign.wave_pause)
            if now >= next_wave_at:
                started = pending[: campaign.max_concurrent]
                wave, next_wave_at = wave + 1, None
    return CampaignStep(
        settled=tuple(settled),
        started=tuple(started),
        wave=wave,
        status=status,
        active=status == CampaignStatus.RUNNING or updating + len(started) > 0,
        halted_reason=reason,
        next_wave_at=next_wave_at,
        finished_at=finished_at,
    )
