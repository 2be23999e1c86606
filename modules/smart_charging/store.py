"""The smart-charging block's storage, the only file of the block that touches the database:
each station's charging profiles as the CSMS knows them, GetChargingProfiles requests, the
external limits, EV charging needs and schedules, and composite schedules (its own tables),
read beside the SmartChargingCtrlr variables of the device model and the running
transactions of the transactions block.

Profile ids the CSMS picks and requestIds are allocated per station as one more than the
highest the station's rows use (`infra/db/allocation.py`). A ReportChargingProfiles part is
stored once: its key's digest is unique per request (`charging_profile_report_part`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from tortoise.expressions import Q

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    ChargingLimit,
    ChargingProfile,
    ChargingProfileRequest,
    CompositeSchedule,
    DeviceAttribute,
    EvChargingNeeds,
    EvChargingSchedule,
    Station,
    Transaction,
)
from infra.db.writes import insert_rows
from modules.kernel.ocpp_parts import part_digest
from modules.kernel.records import record_of
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
    PlanEntry,
    Presence,
    Profile,
    ProfileRequestView,
    ProfileView,
    ReportCriteria,
    ReportedPart,
    RunningTransaction,
    SiteSettings,
    SiteTransactionRow,
    SiteView,
    StationAnswer,
    TransactionStart,
)
from modules.smart_charging.store_sql import SqlSiteStore

CONTROLLER_KEY = "smartchargingctrlr\x1f"
"""How the device model's keys of the station's SmartChargingCtrlr variables begin: the
lower-cased component name ended by the device model's key separator (U+001F)."""


_PART_TABLE = "charging_profile_report_part"
_PART_COLUMNS = ("request_id", "part_key", "received_at")


class SmartChargingStore(Protocol):
    """What the smart-charging handlers, workflows and queries need stored and read."""

    async def capability_variables(self, station_id: str) -> list[CapabilityVariable]:
        """The station's SmartChargingCtrlr variables (Actual values)."""
        ...

    async def running_transaction(
        self, station_id: str, transaction_id: str
    ) -> RunningTransaction | None:
        """The station's transaction `transaction_id` when it is running, else None."""
        ...

    async def running_on_evse(self, station_id: str, evse_id: int) -> RunningTransaction | None:
        """The transaction running on the station's EVSE (the latest started), or None."""
        ...

    async def running_transactions(self, station_id: str) -> list[TransactionStart]:
        """The station's running transactions, by EVSE."""
        ...

    async def open_profile(
        self, station_id: str, profile: Profile, now: datetime, allocate: bool = False
    ) -> int | None:
        """Record a SetChargingProfile about to be sent, under a newly allocated id (one more
        than the station's highest) when `allocate`: PENDING when the id is new; an
        installed profile keeps its content until the station accepts the new one. The id
        recorded; None when the station is unknown."""
        ...

    async def record_set_answer(
        self, station_id: str, profile: Profile, answer: StationAnswer, now: datetime
    ) -> None:
        """The station's answer to a SetChargingProfile of `profile` (Accepted: installed with
        all its fields; otherwise an installed profile stays as it was)."""
        ...

    async def record_set_failure(
        self, station_id: str, profile_id: int, outcome: str, error_code: str | None
    ) -> None:
        """A SetChargingProfile got no answer (OFFLINE, TIMEOUT, CALL_ERROR)."""
        ...

    async def record_start_profile(
        self,
        station_id: str,
        remote_start_id: int,
        profile: Profile,
        transaction_id: str | None,
        now: datetime,
    ) -> None:
        """A TxProfile a station accepted with a RequestStartTransaction (K05), installed and
        bound to the remote start (and to the transaction when the answer named one)."""
        ...

    async def record_clear_answer(
        self, station_id: str, criteria: ClearCriteria, answer: StationAnswer, now: datetime
    ) -> int:
        """The station's answer to a ClearChargingProfile (Accepted: the installed profiles it
        addresses are CLEARED; Unknown: NOT_ON_STATION); how many changed."""
        ...

    async def open_request(
        self, station_id: str, criteria: ReportCriteria, now: datetime
    ) -> int | None:
        """Allocate a GetChargingProfiles requestId and record the request; None when the
        station is unknown."""
        ...

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """A GetChargingProfiles got no answer."""
        ...

    async def record_request_answer(
        self, station_id: str, request_id: int, answer: StationAnswer, now: datetime
    ) -> bool:
        """The station's answer to a GetChargingProfiles; NoProfiles completes the request
        (the profiles it covers are NOT_ON_STATION). True when that completed it."""
        ...

    async def receive_part(self, station_id: str, part: ReportedPart, now: datetime) -> PartOutcome:
        """Store one ReportChargingProfiles: its profiles installed, the part counted once on
        its request; the first part with tbc false completes the request, and the installed
        profiles its criteria cover that no part of it reported are NOT_ON_STATION."""
        ...

    async def profile(self, station_id: str, profile_id: int) -> ProfileView | None:
        """One profile id of the station, or None."""
        ...

    async def profiles(
        self,
        station_id: str,
        evse_id: int | None = None,
        presences: Sequence[Presence] | None = None,
    ) -> list[ProfileView]:
        """The station's profiles (on `evse_id`, of `presences`; any when None) by EVSE,
        purpose, stack level, id."""
        ...

    async def transaction_profiles(self, station_id: str, transaction_id: str) -> list[ProfileView]:
        """The TxProfiles of a transaction: set for it, or sent with the remote start that
        began it (K05)."""
        ...

    async def end_transaction_profiles(
        self, station_id: str, transaction_id: str, now: datetime
    ) -> int:
        """Mark the installed TxProfiles of an ended transaction TX_ENDED; how many were."""
        ...

    async def request(self, station_id: str, request_id: int) -> ProfileRequestView | None:
        """One GetChargingProfiles request, or None."""
        ...

    async def record_limit(self, station_id: str, limit: NotifiedLimit, now: datetime) -> None:
        """A NotifyChargingLimit (K12): the limit of its source and EVSE, replacing the last."""
        ...

    async def clear_limit(self, station_id: str, evse_id: int, source: str, now: datetime) -> None:
        """A ClearedChargingLimit (K13): the limit is cleared, and the station's external
        constraint profiles of that source on that EVSE (0: any) are NOT_ON_STATION."""
        ...

    async def limits(self, station_id: str) -> list[ChargingLimitView]:
        """The station's external limits by EVSE and source."""
        ...

    async def record_needs(
        self,
        station_id: str,
        needs: EvNeeds,
        transaction_id: str | None,
        status: str,
        now: datetime,
    ) -> None:
        """A NotifyEVChargingNeeds (K15-K17) and the answer given, replacing the EVSE's last."""
        ...

    async def record_offer(
        self,
        station_id: str,
        evse_id: int,
        profile_id: int | None,
        status: str | None,
        problem: str | None,
    ) -> None:
        """The schedule offered for the EVSE's needs: its profile id, the station's answer or
        why none was sent."""
        ...

    async def needs(self, station_id: str, evse_id: int) -> EvNeedsView | None:
        """The last charging needs on the station's EVSE, or None."""
        ...

    async def all_needs(self, station_id: str) -> list[EvNeedsView]:
        """The last charging needs on each EVSE of the station."""
        ...

    async def record_ev_schedule(
        self,
        station_id: str,
        evse_id: int,
        time_base: datetime,
        schedule: JsonObject,
        now: datetime,
    ) -> None:
        """A NotifyEVChargingSchedule, replacing the EVSE's last."""
        ...

    async def ev_schedules(self, station_id: str) -> list[EvScheduleView]:
        """The last EV charging schedule on each EVSE of the station."""
        ...

    async def record_composite(self, station_id: str, view: CompositeView) -> None:
        """A GetCompositeSchedule answer, replacing the EVSE's last."""
        ...

    async def composites(self, station_id: str) -> list[CompositeView]:
        """The last composite schedule answer for each EVSE of the station."""
        ...

    async def upsert_site(self, site: SiteSettings, now: datetime) -> None:
        """Create the site or replace its settings (its stations and plan kept)."""
        ...

    async def delete_site(self, site_id: str) -> bool:
        """Delete the site, its memberships and plan; whether it existed."""
        ...

    async def set_site_stations(self, site_id: str, station_ids: list[str]) -> list[str] | None:
        """Make these the site's stations (taken from any other site); None when the site is
        unknown, else the ids of unknown stations (left out)."""
        ...

    async def sites(self) -> list[SiteView]:
        """Every site with its stations and plan, by id."""
        ...

    async def site(self, site_id: str) -> SiteView | None:
        """One site, or None."""
        ...

    async def site_of(self, station_id: str) -> str | None:
        """The id of the station's site, or None."""
        ...

    async def site_transactions(self, site_id: str) -> list[SiteTransactionRow]:
        """The transactions running on the site's stations on an EVSE, by start."""
        ...

    async def replace_plan(self, site_id: str, entries: list[PlanEntry]) -> None:
        """Replace the site's plan with `entries` (one per transaction)."""
        ...

    async def take_site_round(
        self, site_id: str, node_id: str, now: datetime, until: datetime
    ) -> bool:
        """Hold the site's re-plan lease until `until` when it is free, expired or already
        this node's (clearing a wanted re-plan: the round about to run covers it); whether it
        is held now."""
        ...

    async def want_site_round(self, site_id: str) -> None:
        """Ask the node holding the site's lease for one more round."""
        ...

    async def release_site_round(self, site_id: str, node_id: str) -> bool:
        """Give the lease back unless a round was wanted meanwhile; whether one more round is
        wanted (the lease is then kept)."""
        ...

    async def orphaned_site_rounds(self, now: datetime) -> list[str]:
        """Sites whose lease expired while naming a node (it died mid-round), or free and
        wanted; by id."""
        ...


def _profile_columns(profile: Profile) -> dict[str, Any]:
    return {
        "evse_id": profile.evse_id,
        "stack_level": profile.stack_level,
        "purpose": profile.purpose,
        "kind": profile.kind,
        "recurrency_kind": profile.recurrency_kind,
        "valid_from": profile.valid_from,
        "valid_to": profile.valid_to,
        "transaction_id": profile.transaction_id,
        "charging_limit_source": profile.charging_limit_source,
        "schedules": [dict(schedule) for schedule in profile.schedules],
    }


def _profile_view(row: ChargingProfile) -> ProfileView:
    return record_of(ProfileView, row, presence=Presence(row.presence))


def _request_view(row: ChargingProfileRequest) -> ProfileRequestView:
    return record_of(ProfileRequestView, row)


class SqlSmartChargingStore(SqlSiteStore):
    """SmartChargingStore on the ORM (SQLite or PostgreSQL)."""

    async def capability_variables(self, station_id: str) -> list[CapabilityVariable]:
        """The controller's variables joined to their Actual attribute."""
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id,
            variable__key__startswith=CONTROLLER_KEY,
            type="Actual",
        ).values(
            "value",
            "variable__variable_name",
            "variable__variable_instance",
            "variable__evse_id",
        )
        return [
            CapabilityVariable(
                str(row["variable__variable_name"]),
                row["variable__variable_instance"],
                row["variable__evse_id"],
                row["value"],
            )
            for row in rows
        ]

    async def running_transaction(
        self, station_id: str, transaction_id: str
    ) -> RunningTransaction | None:
        """One SELECT on the transactions block's table."""
        row = await Transaction.filter(
            station_id=station_id, transaction_id=transaction_id, active=True
        ).first()
        return RunningTransaction(row.transaction_id, row.evse_id) if row else None

    async def running_on_evse(self, station_id: str, evse_id: int) -> RunningTransaction | None:
        """One SELECT, the latest created first."""
        row = (
            await Transaction.filter(station_id=station_id, evse_id=evse_id, active=True)
            .order_by("-id")
            .first()
        )
        return RunningTransaction(row.transaction_id, row.evse_id) if row else None

    async def running_transactions(self, station_id: str) -> list[TransactionStart]:
        """One SELECT on the transactions block's table (bounded by the station's EVSEs)."""
        rows = await Transaction.filter(station_id=station_id, active=True).order_by(
            "evse_id", "id"
        )
        return [TransactionStart(row.transaction_id, row.evse_id, row.started_at) for row in rows]

    async def open_profile(
        self, station_id: str, profile: Profile, now: datetime, allocate: bool = False
    ) -> int | None:
        """Allocate under the station's row lock and INSERT; or INSERT a PENDING row for a
        new id, else stamp the request on the existing one."""
        pending = {
            **_profile_columns(profile),
            "presence": Presence.PENDING,
            "requested_at": now,
            "updated_at": now,
        }
        if allocate:
            return await allocate_station_id(
                station_id,
                ChargingProfile,
                "profile_id",
                pending,
                lock_station=True,
                what="a charging profile id",
            )
        if not await Station.exists(id=station_id):
            return None
        updated = await ChargingProfile.filter(
            station_id=station_id, profile_id=profile.profile_id
        ).update(requested_at=now, outcome=None, error_code=None, updated_at=now)
        if not updated:
            await ChargingProfile.create(
                station_id=station_id, profile_id=profile.profile_id, **pending
            )
        return profile.profile_id

    async def record_set_answer(
        self, station_id: str, profile: Profile, answer: StationAnswer, now: datetime
    ) -> None:
        """UPDATE (or INSERT for a call recorded elsewhere) the profile's row."""
        row = await ChargingProfile.get_or_none(
            station_id=station_id, profile_id=profile.profile_id
        )
        accepted = answer.status == "Accepted"
        values: dict[str, Any] = {
            "status": answer.status,
            "status_reason": answer.reason,
            "outcome": "RESULT",
            "error_code": None,
            "answered_at": now,
            "updated_at": now,
        }
        if accepted or row is None or row.presence != Presence.INSTALLED:
            values.update(_profile_columns(profile))
            values["presence"] = Presence.INSTALLED if accepted else Presence.REJECTED
            values["reported_request_id"] = None
        if row is None:
            await ChargingProfile.create(
                station_id=station_id, profile_id=profile.profile_id, **values
            )
            return
        await row.update_from_dict(values).save()

    async def record_set_failure(
        self, station_id: str, profile_id: int, outcome: str, error_code: str | None
    ) -> None:
        """One UPDATE; a PENDING row becomes FAILED, an installed one stays."""
        rows = ChargingProfile.filter(station_id=station_id, profile_id=profile_id)
        await rows.update(outcome=outcome, error_code=error_code)
        await rows.filter(presence=Presence.PENDING).update(presence=Presence.FAILED)

    async def record_start_profile(
        self,
        station_id: str,
        remote_start_id: int,
        profile: Profile,
        transaction_id: str | None,
        now: datetime,
    ) -> None:
        """UPSERT the profile's row, installed and bound to the remote start."""
        columns = _profile_columns(profile)
        columns["transaction_id"] = transaction_id
        values = {
            **columns,
            "remote_start_id": remote_start_id,
            "presence": Presence.INSTALLED,
            "status": "Accepted",
            "status_reason": None,
            "outcome": "RESULT",
            "error_code": None,
            "reported_request_id": None,
            "requested_at": now,
            "answered_at": now,
            "updated_at": now,
        }
        await ChargingProfile.update_or_create(
            values, station_id=station_id, profile_id=profile.profile_id
        )

    async def record_clear_answer(
        self, station_id: str, criteria: ClearCriteria, answer: StationAnswer, now: datetime
    ) -> int:
        """One UPDATE of the addressed installed profiles."""
        presence = Presence.CLEARED if answer.status == "Accepted" else Presence.NOT_ON_STATION
        rows = ChargingProfile.filter(station_id=station_id, presence=Presence.INSTALLED)
        if criteria.profile_id is not None:
            rows = rows.filter(profile_id=criteria.profile_id)
        else:
            rows = rows.exclude(purpose="ChargingStationExternalConstraints")
            if criteria.evse_id is not None:
                rows = rows.filter(evse_id=criteria.evse_id)
            if criteria.purpose is not None:
                rows = rows.filter(purpose=criteria.purpose)
            if criteria.stack_level is not None:
                rows = rows.filter(stack_level=criteria.stack_level)
        return await rows.update(
            presence=presence,
            status=answer.status,
            status_reason=answer.reason,
            answered_at=now,
            updated_at=now,
        )

    async def open_request(
        self, station_id: str, criteria: ReportCriteria, now: datetime
    ) -> int | None:
        """Allocate under the station's row lock and INSERT."""
        return await allocate_station_id(
            station_id,
            ChargingProfileRequest,
            "request_id",
            {"evse_id": criteria.evse_id, "criteria": criteria.as_json(), "requested_at": now},
            lock_station=True,
            what="a GetChargingProfiles requestId",
        )

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """One UPDATE."""
        await ChargingProfileRequest.filter(station_id=station_id, request_id=request_id).update(
            outcome=outcome, error_code=error_code
        )

    async def record_request_answer(
        self, station_id: str, request_id: int, answer: StationAnswer, now: datetime
    ) -> bool:
        """UPDATE the request; NoProfiles completes it."""
        row = await _request_row(station_id, request_id)
        row.outcome, row.status, row.status_reason = "RESULT", answer.status, answer.reason
        completes = answer.status == "NoProfiles" and row.completed_at is None
        if completes:
            row.completed_at = now
            await self._replace(station_id, row)
        await row.save()
        return completes

    async def receive_part(self, station_id: str, part: ReportedPart, now: datetime) -> PartOutcome:
        """Under the request row's lock: the part's key inserted (`ON CONFLICT DO NOTHING`: a
        repeat stores nothing more), then each profile UPSERT, the part counted and the
        request completed."""
        row = await _request_row(station_id, part.request_id)
        key = [row.id, part_digest(part.key), now]
        if not await insert_rows(_PART_TABLE, _PART_COLUMNS, [key], skip_duplicates=True):
            return PartOutcome(_request_view(row), False, True)
        for profile in part.profiles:
            await ChargingProfile.update_or_create(
                {
                    **_profile_columns(profile),
                    "charging_limit_source": part.source,
                    "presence": Presence.INSTALLED,
                    "reported_request_id": part.request_id,
                    "updated_at": now,
                },
                station_id=station_id,
                profile_id=profile.profile_id,
            )
        completes = not part.tbc and row.completed_at is None
        row.parts += 1
        row.profiles += len(part.profiles)
        if completes:
            row.completed_at = now
        await row.save()
        if completes:
            await self._replace(station_id, row)
        return PartOutcome(_request_view(row), completes, False)

    async def _replace(self, station_id: str, row: ChargingProfileRequest) -> None:
        """A complete report: installed profiles its criteria cover that it did not list are
        not on the station."""
        if row.criteria is None:
            return
        criteria = ReportCriteria.from_json(row.criteria)
        installed = await self.profiles(station_id, presences=[Presence.INSTALLED])
        gone = [
            view.profile_id
            for view in installed
            if criteria.covers(view) and view.reported_request_id != row.request_id
        ]
        if gone:
            await ChargingProfile.filter(station_id=station_id, profile_id__in=gone).update(
                presence=Presence.NOT_ON_STATION, updated_at=row.completed_at
            )

    async def profile(self, station_id: str, profile_id: int) -> ProfileView | None:
        """One SELECT."""
        row = await ChargingProfile.get_or_none(station_id=station_id, profile_id=profile_id)
        return _profile_view(row) if row else None

    async def profiles(
        self,
        station_id: str,
        evse_id: int | None = None,
        presences: Sequence[Presence] | None = None,
    ) -> list[ProfileView]:
        """One SELECT."""
        rows = ChargingProfile.filter(station_id=station_id)
        if evse_id is not None:
            rows = rows.filter(evse_id=evse_id)
        if presences is not None:
            rows = rows.filter(presence__in=[str(presence) for presence in presences])
        ordered = await rows.order_by("evse_id", "purpose", "stack_level", "profile_id")
        return [_profile_view(row) for row in ordered]

    async def transaction_profiles(self, station_id: str, transaction_id: str) -> list[ProfileView]:
        """The transaction's remoteStartId, then one SELECT."""
        remote_start_id = (
            await Transaction.filter(station_id=station_id, transaction_id=transaction_id)
            .first()
            .values_list("remote_start_id", flat=True)
        )
        rows = ChargingProfile.filter(station_id=station_id, purpose="TxProfile")
        wanted = Q(transaction_id=transaction_id)
        if isinstance(remote_start_id, int):
            wanted |= Q(transaction_id=None, remote_start_id=remote_start_id)
        found = await rows.filter(wanted)
        ordered = sorted(found, key=lambda row: (row.stack_level, row.profile_id))
        return [_profile_view(row) for row in ordered]

    async def end_transaction_profiles(
        self, station_id: str, transaction_id: str, now: datetime
    ) -> int:
        """The transaction's profiles read as `transaction_profiles` does, then one UPDATE of
        the installed ones."""
        ended = [
            view.profile_id
            for view in await self.transaction_profiles(station_id, transaction_id)
            if view.presence is Presence.INSTALLED
        ]
        if not ended:
            return 0
        return await ChargingProfile.filter(
            station_id=station_id, profile_id__in=ended, presence=Presence.INSTALLED
        ).update(presence=Presence.TX_ENDED, updated_at=now)

    async def request(self, station_id: str, request_id: int) -> ProfileRequestView | None:
        """One SELECT."""
        row = await ChargingProfileRequest.get_or_none(station_id=station_id, request_id=request_id)
        return _request_view(row) if row else None

    async def record_limit(self, station_id: str, limit: NotifiedLimit, now: datetime) -> None:
        """One UPSERT."""
        schedules = [dict(item) for item in limit.schedules] if limit.schedules else None
        await ChargingLimit.update_or_create(
            {
                "is_grid_critical": limit.is_grid_critical,
                "schedules": schedules,
                "notified_at": now,
                "cleared_at": None,
            },
            station_id=station_id,
            evse_id=limit.evse_id,
            source=limit.source,
        )

    async def clear_limit(self, station_id: str, evse_id: int, source: str, now: datetime) -> None:
        """Two UPDATEs."""
        limits = ChargingLimit.filter(station_id=station_id, source=source)
        profiles = ChargingProfile.filter(
            station_id=station_id,
            purpose="ChargingStationExternalConstraints",
            charging_limit_source=source,
            presence=Presence.INSTALLED,
        )
        if evse_id:
            limits = limits.filter(evse_id=evse_id)
            profiles = profiles.filter(evse_id=evse_id)
        await limits.update(cleared_at=now)
        await profiles.update(presence=Presence.NOT_ON_STATION, updated_at=now)

    async def limits(self, station_id: str) -> list[ChargingLimitView]:
        """One SELECT."""
        rows = await ChargingLimit.filter(station_id=station_id).order_by("evse_id", "source")
        return [record_of(ChargingLimitView, row) for row in rows]

    async def record_needs(
        self,
        station_id: str,
        needs: EvNeeds,
        transaction_id: str | None,
        status: str,
        now: datetime,
    ) -> None:
        """One UPSERT; the last offer is forgotten."""
        await EvChargingNeeds.update_or_create(
            {
                "needs": needs.needs,
                "energy_transfer": needs.energy_transfer,
                "departure_time": needs.departure_time,
                "energy_amount": needs.energy_amount,
                "max_schedule_tuples": needs.max_schedule_tuples,
                "transaction_id": transaction_id,
                "status": status,
                "offered_profile_id": None,
                "offer_status": None,
                "offer_problem": None,
                "received_at": now,
            },
            station_id=station_id,
            evse_id=needs.evse_id,
        )

    async def record_offer(
        self,
        station_id: str,
        evse_id: int,
        profile_id: int | None,
        status: str | None,
        problem: str | None,
    ) -> None:
        """One UPDATE."""
        await EvChargingNeeds.filter(station_id=station_id, evse_id=evse_id).update(
            offered_profile_id=profile_id, offer_status=status, offer_problem=problem
        )

    async def needs(self, station_id: str, evse_id: int) -> EvNeedsView | None:
        """One SELECT."""
        row = await EvChargingNeeds.get_or_none(station_id=station_id, evse_id=evse_id)
        return record_of(EvNeedsView, row) if row else None

    async def all_needs(self, station_id: str) -> list[EvNeedsView]:
        """One SELECT."""
        rows = await EvChargingNeeds.filter(station_id=station_id).order_by("evse_id")
        return [record_of(EvNeedsView, row) for row in rows]

    async def record_ev_schedule(
        self,
        station_id: str,
        evse_id: int,
        time_base: datetime,
        schedule: JsonObject,
        now: datetime,
    ) -> None:
        """One UPSERT."""
        await EvChargingSchedule.update_or_create(
            {"time_base": time_base, "schedule": schedule, "received_at": now},
            station_id=station_id,
            evse_id=evse_id,
        )

    async def ev_schedules(self, station_id: str) -> list[EvScheduleView]:
        """One SELECT."""
        rows = await EvChargingSchedule.filter(station_id=station_id).order_by("evse_id")
        return [record_of(EvScheduleView, row) for row in rows]

    async def record_composite(self, station_id: str, view: CompositeView) -> None:
        """One UPSERT."""
        await CompositeSchedule.update_or_create(
            {
                "duration": view.duration,
                "charging_rate_unit": view.charging_rate_unit,
                "status": view.status,
                "status_reason": view.status_reason,
                "schedule": view.schedule,
                "answered_at": view.answered_at,
            },
            station_id=station_id,
            evse_id=view.evse_id,
        )

    async def composites(self, station_id: str) -> list[CompositeView]:
        """One SELECT."""
        rows = await CompositeSchedule.filter(station_id=station_id).order_by("evse_id")
        return [record_of(CompositeView, row) for row in rows]


async def _request_row(station_id: str, request_id: int) -> ChargingProfileRequest:
    """The request's row, locked until the transaction ends (PostgreSQL; SQLite serialises
    transactions anyway); created (without criteria: it replaces nothing) for a requestId the
    CSMS did not allocate."""
    query = ChargingProfileRequest.filter(station_id=station_id, request_id=request_id)
    row = await query.select_for_update().first()
    if row is None:
        await ChargingProfileRequest.bulk_create(
            [ChargingProfileRequest(station_id=station_id, request_id=request_id)],
            ignore_conflicts=True,
        )
        row = await query.select_for_update().get()
    return row
