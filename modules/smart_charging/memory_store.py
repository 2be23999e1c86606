"""The smart-charging store's in-memory twin, for handler and command tests: stations,
SmartChargingCtrlr variables and running transactions are set directly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from modules.smart_charging.memory_sites import MemorySiteStore
from modules.smart_charging.records import (
    CapabilityVariable,
    ChargingLimitView,
    ClearCriteria,
    CompositeView,
    EvNeeds,
    EvNeedsView,
    EvScheduleView,
    JsonObject,
    NotifiedLimit,
    PartOutcome,
    Presence,
    Profile,
    ProfileRequestView,
    ProfileView,
    ReportCriteria,
    ReportedPart,
    RunningTransaction,
    StationAnswer,
    TransactionStart,
)

EXTERNAL = "ChargingStationExternalConstraints"


@dataclass(frozen=True, slots=True)
class MemoryTransaction:
    """A transaction as the twin knows it: id, EVSE, remoteStartId, running or not."""

    transaction_id: str
    evse_id: int | None
    remote_start_id: int | None = None
    active: bool = True
    started_at: datetime | None = None
    charging_state: str | None = None


def _view(station_id: str, profile: Profile, presence: Presence, now: datetime) -> ProfileView:
    return ProfileView(
        station_id=station_id,
        evse_id=profile.evse_id,
        profile_id=profile.profile_id,
        stack_level=profile.stack_level,
        purpose=profile.purpose,
        kind=profile.kind,
        recurrency_kind=profile.recurrency_kind,
        valid_from=profile.valid_from,
        valid_to=profile.valid_to,
        transaction_id=profile.transaction_id,
        remote_start_id=None,
        charging_limit_source=profile.charging_limit_source,
        schedules=[dict(schedule) for schedule in profile.schedules],
        presence=presence,
        status=None,
        status_reason=None,
        outcome=None,
        error_code=None,
        reported_request_id=None,
        requested_at=None,
        answered_at=None,
        updated_at=now,
    )


def _with_profile(view: ProfileView, profile: Profile) -> ProfileView:
    fresh = _view(view.station_id, profile, view.presence, view.updated_at)
    return replace(
        fresh,
        remote_start_id=view.remote_start_id,
        status=view.status,
        status_reason=view.status_reason,
        outcome=view.outcome,
        error_code=view.error_code,
        reported_request_id=view.reported_request_id,
        requested_at=view.requested_at,
        answered_at=view.answered_at,
    )


class MemorySmartChargingStore(MemorySiteStore):
    """SmartChargingStore in dictionaries."""

    def __init__(self) -> None:
        self.stations: set[str] = set()
        self.variables: dict[str, list[CapabilityVariable]] = {}
        self.transactions: dict[str, list[MemoryTransaction]] = {}
        self._profiles: dict[tuple[str, int], ProfileView] = {}
        self._requests: dict[tuple[str, int], ProfileRequestView] = {}
        self._part_keys: dict[tuple[str, int], set[str]] = {}
        self._criteria: dict[tuple[str, int], ReportCriteria] = {}
        self._limits: dict[tuple[str, int, str], ChargingLimitView] = {}
        self._needs: dict[tuple[str, int], EvNeedsView] = {}
        self._schedules: dict[tuple[str, int], EvScheduleView] = {}
        self._composites: dict[tuple[str, int], CompositeView] = {}

    async def capability_variables(self, station_id: str) -> list[CapabilityVariable]:
        """The variables set for the station."""
        return list(self.variables.get(station_id, []))

    async def running_transaction(
        self, station_id: str, transaction_id: str
    ) -> RunningTransaction | None:
        """The running transaction of that id."""
        for tx in self.transactions.get(station_id, []):
            if tx.transaction_id == transaction_id and tx.active:
                return RunningTransaction(tx.transaction_id, tx.evse_id)
        return None

    async def running_on_evse(self, station_id: str, evse_id: int) -> RunningTransaction | None:
        """The last running transaction on the EVSE."""
        for tx in reversed(self.transactions.get(station_id, [])):
            if tx.evse_id == evse_id and tx.active:
                return RunningTransaction(tx.transaction_id, tx.evse_id)
        return None

    async def running_transactions(self, station_id: str) -> list[TransactionStart]:
        """The running transactions, by EVSE."""
        running = [tx for tx in self.transactions.get(station_id, []) if tx.active]
        return [
            TransactionStart(tx.transaction_id, tx.evse_id, tx.started_at)
            for tx in sorted(running, key=lambda tx: tx.evse_id or 0)
        ]

    async def open_profile(
        self, station_id: str, profile: Profile, now: datetime, allocate: bool = False
    ) -> int | None:
        """A PENDING view for a new (or allocated) id, else the request stamped."""
        if station_id not in self.stations:
            return None
        if allocate:
            ids = [pid for (sid, pid) in self._profiles if sid == station_id]
            profile = replace(profile, profile_id=max(ids, default=0) + 1)
        key = (station_id, profile.profile_id)
        old = self._profiles.get(key)
        if old is None:
            view = replace(_view(station_id, profile, Presence.PENDING, now), requested_at=now)
        else:
            view = replace(old, requested_at=now, outcome=None, error_code=None, updated_at=now)
        self._profiles[key] = view
        return profile.profile_id

    async def record_set_answer(
        self, station_id: str, profile: Profile, answer: StationAnswer, now: datetime
    ) -> None:
        """The view replaced or its answer stamped."""
        key = (station_id, profile.profile_id)
        old = self._profiles.get(key) or _view(station_id, profile, Presence.PENDING, now)
        accepted = answer.status == "Accepted"
        view = old
        if accepted or old.presence is not Presence.INSTALLED:
            presence = Presence.INSTALLED if accepted else Presence.REJECTED
            view = replace(_with_profile(old, profile), presence=presence, reported_request_id=None)
        self._profiles[key] = replace(
            view,
            status=answer.status,
            status_reason=answer.reason,
            outcome="RESULT",
            error_code=None,
            answered_at=now,
            updated_at=now,
        )

    async def record_set_failure(
        self, station_id: str, profile_id: int, outcome: str, error_code: str | None
    ) -> None:
        """PENDING becomes FAILED."""
        key = (station_id, profile_id)
        old = self._profiles.get(key)
        if old is None:
            return
        presence = Presence.FAILED if old.presence is Presence.PENDING else old.presence
        self._profiles[key] = replace(
            old, presence=presence, outcome=outcome, error_code=error_code
        )

    async def record_start_profile(
        self,
        station_id: str,
        remote_start_id: int,
        profile: Profile,
        transaction_id: str | None,
        now: datetime,
    ) -> None:
        """An installed view bound to the remote start."""
        bound = replace(profile, transaction_id=transaction_id)
        self._profiles[(station_id, profile.profile_id)] = replace(
            _view(station_id, bound, Presence.INSTALLED, now),
            remote_start_id=remote_start_id,
            status="Accepted",
            outcome="RESULT",
            requested_at=now,
            answered_at=now,
        )

    async def record_clear_answer(
        self, station_id: str, criteria: ClearCriteria, answer: StationAnswer, now: datetime
    ) -> int:
        """The addressed installed views change presence."""
        presence = Presence.CLEARED if answer.status == "Accepted" else Presence.NOT_ON_STATION
        changed = 0
        for key, view in list(self._profiles.items()):
            if key[0] != station_id or view.presence is not Presence.INSTALLED:
                continue
            if criteria.profile_id is not None:
                hit = view.profile_id == criteria.profile_id
            else:
                hit = (
                    view.purpose != EXTERNAL
                    and criteria.evse_id in (None, view.evse_id)
                    and criteria.purpose in (None, view.purpose)
                    and criteria.stack_level in (None, view.stack_level)
                )
            if hit:
                changed += 1
                self._profiles[key] = replace(
                    view,
                    presence=presence,
                    status=answer.status,
                    status_reason=answer.reason,
                    answered_at=now,
                    updated_at=now,
                )
        return changed

    def _new_request(self, station_id: str, request_id: int) -> ProfileRequestView:
        return ProfileRequestView(
            station_id=station_id,
            request_id=request_id,
            evse_id=None,
            criteria=None,
            requested_at=None,
            outcome=None,
            status=None,
            status_reason=None,
            error_code=None,
            parts=0,
            profiles=0,
            completed_at=None,
        )

    async def open_request(
        self, station_id: str, criteria: ReportCriteria, now: datetime
    ) -> int | None:
        """The highest requestId + 1."""
        if station_id not in self.stations:
            return None
        ids = [rid for (sid, rid) in self._requests if sid == station_id]
        request_id = max(ids, default=0) + 1
        key = (station_id, request_id)
        self._requests[key] = replace(
            self._new_request(station_id, request_id),
            evse_id=criteria.evse_id,
            criteria=criteria.as_json(),
            requested_at=now,
        )
        self._criteria[key] = criteria
        return request_id

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The outcome stamped."""
        key = (station_id, request_id)
        if key in self._requests:
            self._requests[key] = replace(
                self._requests[key], outcome=outcome, error_code=error_code
            )

    async def record_request_answer(
        self, station_id: str, request_id: int, answer: StationAnswer, now: datetime
    ) -> bool:
        """The answer stamped; NoProfiles completes."""
        key = (station_id, request_id)
        old = self._requests.get(key) or self._new_request(station_id, request_id)
        completes = answer.status == "NoProfiles" and old.completed_at is None
        self._requests[key] = replace(
            old,
            outcome="RESULT",
            status=answer.status,
            status_reason=answer.reason,
            completed_at=now if completes else old.completed_at,
        )
        if completes:
            self._replace(station_id, request_id, now)
        return completes

    async def receive_part(self, station_id: str, part: ReportedPart, now: datetime) -> PartOutcome:
        """A part whose key is known changes nothing; a new one: the profiles installed, the
        part counted, completion on tbc false."""
        key = (station_id, part.request_id)
        request = self._requests.get(key) or self._new_request(station_id, part.request_id)
        keys = self._part_keys.setdefault(key, set())
        if part.key in keys:
            self._requests[key] = request
            return PartOutcome(request, False, True)
        keys.add(part.key)
        for profile in part.profiles:
            sourced = replace(profile, charging_limit_source=part.source)
            self._install_reported(station_id, sourced, part.request_id, now)
        completes = not part.tbc and request.completed_at is None
        view = replace(
            request, parts=request.parts + 1, profiles=request.profiles + len(part.profiles)
        )
        if completes:
            view = replace(view, completed_at=now)
        self._requests[key] = view
        if completes:
            self._replace(station_id, part.request_id, now)
        return PartOutcome(view, completes, False)

    def _install_reported(
        self, station_id: str, profile: Profile, request_id: int, now: datetime
    ) -> None:
        key = (station_id, profile.profile_id)
        old = self._profiles.get(key)
        base = (
            _with_profile(old, profile)
            if old
            else _view(station_id, profile, Presence.PENDING, now)
        )
        self._profiles[key] = replace(
            base, presence=Presence.INSTALLED, reported_request_id=request_id, updated_at=now
        )

    def _replace(self, station_id: str, request_id: int, now: datetime) -> None:
        criteria = self._criteria.get((station_id, request_id))
        if criteria is None:
            return
        for key, view in list(self._profiles.items()):
            if (
                key[0] == station_id
                and view.presence is Presence.INSTALLED
                and criteria.covers(view)
                and view.reported_request_id != request_id
            ):
                self._profiles[key] = replace(
                    view, presence=Presence.NOT_ON_STATION, updated_at=now
                )

    async def profile(self, station_id: str, profile_id: int) -> ProfileView | None:
        """One view."""
        return self._profiles.get((station_id, profile_id))

    async def profiles(
        self,
        station_id: str,
        evse_id: int | None = None,
        presences: Sequence[Presence] | None = None,
    ) -> list[ProfileView]:
        """The station's views, filtered and ordered."""
        found = [
            view
            for (sid, _), view in self._profiles.items()
            if sid == station_id
            and evse_id in (None, view.evse_id)
            and (presences is None or view.presence in presences)
        ]
        return sorted(found, key=lambda v: (v.evse_id, v.purpose, v.stack_level, v.profile_id))

    async def transaction_profiles(self, station_id: str, transaction_id: str) -> list[ProfileView]:
        """Set for the transaction or sent with its remote start."""
        remote_start_ids = {
            tx.remote_start_id
            for tx in self.transactions.get(station_id, [])
            if tx.transaction_id == transaction_id and tx.remote_start_id is not None
        }
        found = [
            view
            for view in await self.profiles(station_id)
            if view.purpose == "TxProfile"
            and (
                view.transaction_id == transaction_id
                or (view.transaction_id is None and view.remote_start_id in remote_start_ids)
            )
        ]
        return sorted(found, key=lambda v: (v.stack_level, v.profile_id))

    async def end_transaction_profiles(
        self, station_id: str, transaction_id: str, now: datetime
    ) -> int:
        """The transaction's installed views become TX_ENDED."""
        ended = 0
        for view in await self.transaction_profiles(station_id, transaction_id):
            if view.presence is Presence.INSTALLED:
                ended += 1
                key = (station_id, view.profile_id)
                self._profiles[key] = replace(view, presence=Presence.TX_ENDED, updated_at=now)
        return ended

    async def request(self, station_id: str, request_id: int) -> ProfileRequestView | None:
        """One view."""
        return self._requests.get((station_id, request_id))

    async def record_limit(self, station_id: str, limit: NotifiedLimit, now: datetime) -> None:
        """The source's limit replaced."""
        self._limits[(station_id, limit.evse_id, limit.source)] = ChargingLimitView(
            station_id=station_id,
            evse_id=limit.evse_id,
            source=limit.source,
            is_grid_critical=limit.is_grid_critical,
            schedules=[dict(item) for item in limit.schedules] if limit.schedules else None,
            notified_at=now,
            cleared_at=None,
        )

    async def clear_limit(self, station_id: str, evse_id: int, source: str, now: datetime) -> None:
        """The limits cleared, the external profiles gone."""
        for limit_key, view in list(self._limits.items()):
            if (
                limit_key[0] == station_id
                and limit_key[2] == source
                and evse_id in (0, limit_key[1])
            ):
                self._limits[limit_key] = replace(view, cleared_at=now)
        for key, profile in list(self._profiles.items()):
            if (
                key[0] == station_id
                and profile.purpose == EXTERNAL
                and profile.charging_limit_source == source
                and profile.presence is Presence.INSTALLED
                and evse_id in (0, profile.evse_id)
            ):
                self._profiles[key] = replace(
                    profile, presence=Presence.NOT_ON_STATION, updated_at=now
                )

    async def limits(self, station_id: str) -> list[ChargingLimitView]:
        """By EVSE and source."""
        return [view for key, view in sorted(self._limits.items()) if key[0] == station_id]

    async def record_needs(
        self,
        station_id: str,
        needs: EvNeeds,
        transaction_id: str | None,
        status: str,
        now: datetime,
    ) -> None:
        """The EVSE's needs replaced."""
        self._needs[(station_id, needs.evse_id)] = EvNeedsView(
            station_id=station_id,
            evse_id=needs.evse_id,
            needs=needs.needs,
            energy_transfer=needs.energy_transfer,
            departure_time=needs.departure_time,
            energy_amount=needs.energy_amount,
            max_schedule_tuples=needs.max_schedule_tuples,
            transaction_id=transaction_id,
            status=status,
            offered_profile_id=None,
            offer_status=None,
            offer_problem=None,
            received_at=now,
        )

    async def record_offer(
        self,
        station_id: str,
        evse_id: int,
        profile_id: int | None,
        status: str | None,
        problem: str | None,
    ) -> None:
        """The offer stamped."""
        key = (station_id, evse_id)
        if key in self._needs:
            self._needs[key] = replace(
                self._needs[key],
                offered_profile_id=profile_id,
                offer_status=status,
                offer_problem=problem,
            )

    async def needs(self, station_id: str, evse_id: int) -> EvNeedsView | None:
        """One view."""
        return self._needs.get((station_id, evse_id))

    async def all_needs(self, station_id: str) -> list[EvNeedsView]:
        """By EVSE."""
        return [view for key, view in sorted(self._needs.items()) if key[0] == station_id]

    async def record_ev_schedule(
        self,
        station_id: str,
        evse_id: int,
        time_base: datetime,
        schedule: JsonObject,
        now: datetime,
    ) -> None:
        """The EVSE's schedule replaced."""
        self._schedules[(station_id, evse_id)] = EvScheduleView(
            station_id=station_id,
            evse_id=evse_id,
            time_base=time_base,
            schedule=schedule,
            received_at=now,
        )

    async def ev_schedules(self, station_id: str) -> list[EvScheduleView]:
        """By EVSE."""
        return [view for key, view in sorted(self._schedules.items()) if key[0] == station_id]

    async def record_composite(self, station_id: str, view: CompositeView) -> None:
        """The EVSE's answer replaced."""
        self._composites[(station_id, view.evse_id)] = view

    async def composites(self, station_id: str) -> list[CompositeView]:
        """By EVSE."""
        return [view for key, view in sorted(self._composites.items()) if key[0] == station_id]
