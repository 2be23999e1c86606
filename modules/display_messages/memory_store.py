"""The display-message store's in-memory twin, for handler and workflow tests; the contract
tests run the same cases on it and on the SQL store."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from modules.display_messages.conversions import body_of
from modules.display_messages.policy import ALWAYS_FRONT, ControllerVariable, coverage_of
from modules.display_messages.records import (
    BroadcastOpening,
    BroadcastStatus,
    BroadcastTargetView,
    BroadcastView,
    DisplayMessageView,
    HeldMessage,
    MessageBody,
    MessageInfo,
    MessageRequestView,
    NotifiedPart,
    PartOutcome,
    Presence,
    ReportedMessageView,
    RequestFilter,
    StationAnswer,
    TargetOutcome,
    TargetResult,
)

Key = tuple[str, int]


def _body(message: MessageBody) -> dict[str, Any]:
    return dataclasses.asdict(body_of(message))


class MemoryDisplayMessageStore:
    """Dicts keyed by (station, id); stations, their online flag and their DisplayMessageCtrlr
    variables are given by the test (`add_station`, `add_variable`), as provisioning and the
    device model would write them."""

    def __init__(self) -> None:
        self.stations: dict[str, bool] = {}
        self.variables: dict[str, list[ControllerVariable]] = {}
        self.records: dict[Key, DisplayMessageView] = {}
        self.reported: dict[Key, ReportedMessageView] = {}
        self.requests_: dict[Key, MessageRequestView] = {}
        self.part_keys: dict[Key, set[str]] = {}
        self.broadcasts_: dict[int, BroadcastView] = {}
        self.targets: list[BroadcastTargetView] = []

    def add_station(self, station_id: str, online: bool = False) -> None:
        """A registered station."""
        self.stations[station_id] = online

    def add_variable(self, station_id: str, variable: ControllerVariable) -> None:
        """A DisplayMessageCtrlr variable the station reported."""
        self.variables.setdefault(station_id, []).append(variable)

    async def controller_variables(self, station_id: str) -> list[ControllerVariable]:
        """The variables given for the station."""
        return list(self.variables.get(station_id, []))

    async def held_messages(self, station_id: str, now: datetime) -> list[HeldMessage]:
        """SET records not past their end."""
        return [
            HeldMessage(message_id=row.message_id, priority=row.priority)
            for (station, _), row in self.records.items()
            if station == station_id
            and row.presence == Presence.SET
            and (row.end_date_time is None or row.end_date_time > now)
        ]

    def _new(
        self, station_id: str, message: MessageInfo, now: datetime, **fields: Any
    ) -> DisplayMessageView:
        values: dict[str, Any] = {
            **_body(message),
            "status": None,
            "status_reason": None,
            "outcome": None,
            "error_code": None,
            "requested_at": None,
            "answered_at": None,
            "believed_since": None,
            "confirmed_at": None,
            "removed_at": None,
            "updated_at": now,
            **fields,
        }
        return DisplayMessageView(message_id=message.message_id, station_id=station_id, **values)

    def _replace(self, key: Key, **fields: Any) -> None:
        self.records[key] = dataclasses.replace(self.records[key], **fields)

    async def open_message(
        self, station_id: str, message_id: int | None, body: MessageBody, now: datetime
    ) -> int | None:
        """As the SQL store: PENDING row, or the requested time of a held message."""
        if station_id not in self.stations:
            return None
        if message_id is None:
            used = [mid for station, mid in self.records if station == station_id]
            message_id = max(used, default=0) + 1
        key = (station_id, message_id)
        row = self.records.get(key)
        if row is not None and row.presence == Presence.SET:
            self._replace(key, requested_at=now, updated_at=now)
            return message_id
        pending: dict[str, Any] = {
            "presence": Presence.PENDING,
            "status": None,
            "status_reason": None,
            "outcome": None,
            "error_code": None,
            "requested_at": now,
            "updated_at": now,
        }
        if row is None:
            message = MessageInfo(**_body(body), message_id=message_id)
            self.records[key] = self._new(station_id, message, now, **pending)
        else:
            self._replace(key, **_body(body), **pending)
        return message_id

    async def record_set_answer(
        self, station_id: str, message: MessageInfo, answer: StationAnswer, now: datetime
    ) -> None:
        """As the SQL store."""
        key = (station_id, message.message_id)
        row = self.records.get(key)
        if row is None:
            row = self.records[key] = self._new(
                station_id, message, now, presence=Presence.PENDING, requested_at=now
            )
        answered: dict[str, Any] = {
            "status": answer.status,
            "status_reason": answer.reason,
            "outcome": "RESULT",
            "error_code": None,
            "answered_at": now,
            "updated_at": now,
        }
        held = row.presence == Presence.SET
        if answer.accepted:
            answered.update(_body(message), presence=Presence.SET, removed_at=None)
            answered["believed_since"] = row.believed_since if held else now
        elif not held:
            answered.update(_body(message), presence=Presence.REFUSED)
        self._replace(key, **answered)
        if answer.accepted and message.priority == ALWAYS_FRONT:
            for other, record in list(self.records.items()):
                if (
                    other[0] == station_id
                    and other != key
                    and record.presence == Presence.SET
                    and record.priority == ALWAYS_FRONT
                ):
                    self._replace(other, presence=Presence.REPLACED, removed_at=now, updated_at=now)

    async def record_set_failure(
        self, station_id: str, message_id: int, outcome: str, error_code: str | None
    ) -> None:
        """As the SQL store."""
        key = (station_id, message_id)
        row = self.records.get(key)
        if row is None:
            return
        failed = Presence.FAILED if row.presence == Presence.PENDING else row.presence
        self._replace(key, outcome=outcome, error_code=error_code, presence=failed)

    async def record_clear_answer(
        self, station_id: str, message_id: int, answer: StationAnswer, now: datetime
    ) -> None:
        """As the SQL store."""
        key = (station_id, message_id)
        presence = Presence.CLEARED if answer.accepted else Presence.NOT_ON_STATION
        if key in self.records:
            self._replace(key, presence=presence, removed_at=now, updated_at=now)
        self.reported.pop(key, None)

    def _request(self, station_id: str, request_id: int, **fields: Any) -> MessageRequestView:
        key = (station_id, request_id)
        row = self.requests_.get(key)
        if row is None:
            values: dict[str, Any] = {
                "ids": None,
                "priority": None,
                "state": None,
                "requested_at": None,
                "outcome": None,
                "status": None,
                "status_reason": None,
                "error_code": None,
                "parts": 0,
                "messages": 0,
                "last_part_at": None,
                "completed_at": None,
                **fields,
            }
            row = MessageRequestView(station_id=station_id, request_id=request_id, **values)
            self.requests_[key] = row
        return row

    async def open_request(
        self, station_id: str, wanted: RequestFilter, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId."""
        if station_id not in self.stations:
            return None
        used = [rid for station, rid in self.requests_ if station == station_id]
        request_id = max(used, default=0) + 1
        self._request(station_id, request_id, **wanted.columns(now))
        return request_id

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """As the SQL store."""
        key = (station_id, request_id)
        if key in self.requests_:
            self.requests_[key] = dataclasses.replace(
                self.requests_[key], outcome=outcome, error_code=error_code
            )

    async def record_request_answer(
        self,
        station_id: str,
        request_id: int,
        wanted: RequestFilter,
        answer: StationAnswer,
        now: datetime,
    ) -> None:
        """As the SQL store."""
        row = self._request(station_id, request_id, **wanted.columns(now))
        settles = answer.status == "Unknown" and row.completed_at is None
        row = dataclasses.replace(
            row,
            outcome="RESULT",
            status=answer.status,
            status_reason=answer.reason,
            completed_at=now if settles else row.completed_at,
        )
        self.requests_[(station_id, request_id)] = row
        if settles:
            self._settle(row, now)

    def _settle(self, request: MessageRequestView, now: datetime) -> None:
        coverage = coverage_of(request)
        if coverage.empty or request.requested_at is None:
            return
        station_id = request.station_id
        reported = {
            mid
            for (station, mid), row in self.reported.items()
            if station == station_id and row.request_id == request.request_id
        }
        for key in [k for k in self.reported if k[0] == station_id]:
            if coverage.covers(key[1]) and key[1] not in reported:
                del self.reported[key]
        for key, row in list(self.records.items()):
            if (
                key[0] == station_id
                and coverage.covers(key[1])
                and key[1] not in reported
                and row.presence == Presence.SET
                and row.believed_since is not None
                and row.believed_since < request.requested_at
            ):
                self._replace(key, presence=Presence.NOT_ON_STATION, removed_at=now, updated_at=now)

    async def receive_part(self, station_id: str, part: NotifiedPart, now: datetime) -> PartOutcome:
        """As the SQL store."""
        row = self._request(station_id, part.request_id)
        keys = self.part_keys.setdefault((station_id, part.request_id), set())
        if part.key in keys:
            return PartOutcome(False, row)
        keys.add(part.key)
        for message in part.messages:
            key = (station_id, message.message_id)
            self.reported[key] = ReportedMessageView(
                **_body(message),
                message_id=message.message_id,
                station_id=station_id,
                request_id=part.request_id,
                reported_at=now,
            )
            record = self.records.get(key)
            held = record is not None and record.presence == Presence.SET
            since = record.believed_since if held and record else now
            confirmed: dict[str, Any] = {
                **_body(message),
                "presence": Presence.SET,
                "confirmed_at": now,
                "removed_at": None,
                "updated_at": now,
                "believed_since": since,
            }
            if record is None:
                self.records[key] = self._new(station_id, message, now, **confirmed)
            else:
                self._replace(key, **confirmed)
        completed = not part.tbc and row.completed_at is None
        count = sum(
            1
            for (station, _), item in self.reported.items()
            if station == station_id and item.request_id == part.request_id
        )
        row = dataclasses.replace(
            row,
            parts=row.parts + 1,
            last_part_at=now,
            messages=count,
            completed_at=now if completed else row.completed_at,
        )
        self.requests_[(station_id, part.request_id)] = row
        if completed:
            self._settle(row, now)
        return PartOutcome(completed, row)

    async def end_transaction(self, station_id: str, transaction_id: str, now: datetime) -> int:
        """As the SQL store."""
        ended = 0
        for key, row in list(self.records.items()):
            if (
                key[0] == station_id
                and row.transaction_id == transaction_id
                and row.presence in (Presence.SET, Presence.PENDING)
            ):
                self._replace(
                    key, presence=Presence.TRANSACTION_ENDED, removed_at=now, updated_at=now
                )
                ended += 1
        for key, item in list(self.reported.items()):
            if key[0] == station_id and item.transaction_id == transaction_id:
                del self.reported[key]
        return ended

    async def message(self, station_id: str, message_id: int) -> DisplayMessageView | None:
        """The record, or None."""
        return self.records.get((station_id, message_id))

    async def messages(
        self,
        station_id: str,
        presences: Sequence[str] | None,
        limit: int,
        after_id: int | None = None,
    ) -> list[DisplayMessageView]:
        """As the SQL store."""
        rows = sorted(
            (
                row
                for (station, mid), row in self.records.items()
                if station == station_id
                and (presences is None or row.presence in presences)
                and (after_id is None or mid > after_id)
            ),
            key=lambda row: row.message_id,
        )
        return rows[:limit]

    async def reported_messages(self, station_id: str) -> list[ReportedMessageView]:
        """As the SQL store."""
        mine = [row for (station, _), row in self.reported.items() if station == station_id]
        return sorted(mine, key=lambda row: row.message_id)

    async def request(self, station_id: str, request_id: int) -> MessageRequestView | None:
        """The request, or None."""
        return self.requests_.get((station_id, request_id))

    async def requests(
        self, station_id: str, limit: int, before_id: int | None = None
    ) -> list[MessageRequestView]:
        """As the SQL store."""
        mine = [
            row
            for (station, rid), row in self.requests_.items()
            if station == station_id and (before_id is None or rid < before_id)
        ]
        return sorted(mine, key=lambda row: row.request_id, reverse=True)[:limit]

    async def fleet(self, online_only: bool) -> list[str]:
        """As the SQL store."""
        return sorted(sid for sid, online in self.stations.items() if online or not online_only)

    async def open_broadcast(self, opening: BroadcastOpening, now: datetime) -> int:
        """As the SQL store."""
        broadcast_id = len(self.broadcasts_) + 1
        self.broadcasts_[broadcast_id] = BroadcastView(
            id=broadcast_id,
            message=opening.message,
            message_id=opening.message_id,
            audience=opening.audience,
            concurrency=opening.concurrency,
            status=BroadcastStatus.RUNNING,
            total=len(opening.station_ids),
            created_at=now,
            finished_at=None,
        )
        for station_id in opening.station_ids:
            self.targets.append(
                BroadcastTargetView(
                    id=len(self.targets) + 1,
                    broadcast_id=broadcast_id,
                    station_id=station_id,
                    outcome=TargetOutcome.PENDING,
                    finished_at=None,
                )
            )
        return broadcast_id

    async def record_target(
        self, broadcast_id: int, station_id: str, result: TargetResult, now: datetime
    ) -> None:
        """As the SQL store."""
        for index, row in enumerate(self.targets):
            if (row.broadcast_id, row.station_id) == (broadcast_id, station_id):
                self.targets[index] = dataclasses.replace(
                    row, **dataclasses.asdict(result), finished_at=now
                )

    async def finish_broadcast(self, broadcast_id: int, status: str, now: datetime) -> None:
        """As the SQL store."""
        self.broadcasts_[broadcast_id] = dataclasses.replace(
            self.broadcasts_[broadcast_id], status=status, finished_at=now
        )

    def _counted(self, row: BroadcastView) -> BroadcastView:
        counts = Counter(t.outcome for t in self.targets if t.broadcast_id == row.id)
        return dataclasses.replace(row, counts=dict(counts))

    async def broadcast(self, broadcast_id: int) -> BroadcastView | None:
        """As the SQL store."""
        row = self.broadcasts_.get(broadcast_id)
        return None if row is None else self._counted(row)

    async def broadcasts(self, limit: int, before_id: int | None = None) -> list[BroadcastView]:
        """As the SQL store."""
        ids = sorted(
            (bid for bid in self.broadcasts_ if before_id is None or bid < before_id),
            reverse=True,
        )
        return [self._counted(self.broadcasts_[bid]) for bid in ids[:limit]]

    async def broadcast_targets(
        self, broadcast_id: int, outcome: str | None, limit: int, after_id: int | None = None
    ) -> list[BroadcastTargetView]:
        """As the SQL store."""
        rows = [
            row
            for row in self.targets
            if row.broadcast_id == broadcast_id
            and (outcome is None or row.outcome == outcome)
            and (after_id is None or row.id > after_id)
        ]
        return rows[:limit]
