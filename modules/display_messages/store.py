"""The display-message block's storage (the only file of the block that touches the
database, with `store_sql.py` for the writes it shares out): the CSMS's record of each
station's messages, the station's reported catalogue, GetDisplayMessages requests, the
DisplayMessageCtrlr variables of the device model, and fleet-wide messages.

Message ids (when the operator gives none) and requestIds are allocated per station as one
more than the highest the station's rows use (`infra/db/allocation.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, Protocol

from infra.db.allocation import allocate_station_id
from infra.db.models import (
    DeviceAttribute,
    DisplayMessage,
    DisplayMessageRequest,
    ReportedDisplayMessage,
    Station,
)
from modules.display_messages import store_sql
from modules.display_messages.conversions import body_of
from modules.display_messages.policy import ALWAYS_FRONT, ControllerVariable
from modules.display_messages.records import (
    BroadcastOpening,
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
    TargetResult,
)
from modules.kernel.records import record_of

CONTROLLER_KEY = "displaymessagectrlr\x1f\x1f\x1f\x1f"
"""How the device model's keys of the station's DisplayMessageCtrlr variables begin: the
lower-cased component name, then its (absent) instance, EVSE and connector, each part ended
by the device model's key separator (U+001F)."""


class DisplayMessageStore(Protocol):
    """What the display-message handlers, workflows and queries need stored and read."""

    async def controller_variables(self, station_id: str) -> list[ControllerVariable]:
        """The station's DisplayMessageCtrlr variables (Actual values, maxLimits)."""
        ...

    async def held_messages(self, station_id: str, now: datetime) -> list[HeldMessage]:
        """The messages the CSMS believes the station holds at `now` (SET, not past their
        end)."""
        ...

    async def open_message(
        self, station_id: str, message_id: int | None, body: MessageBody, now: datetime
    ) -> int | None:
        """Record a SetDisplayMessage about to be sent (an id allocated when None); None when
        the station is unknown. A message the station holds keeps its body until the station
        accepts the new one."""
        ...

    async def record_set_answer(
        self, station_id: str, message: MessageInfo, answer: StationAnswer, now: datetime
    ) -> None:
        """The station's answer to a SetDisplayMessage of `message`."""
        ...

    async def record_set_failure(
        self, station_id: str, message_id: int, outcome: str, error_code: str | None
    ) -> None:
        """A SetDisplayMessage got no answer (`outcome`: OFFLINE, TIMEOUT, CALL_ERROR)."""
        ...

    async def record_clear_answer(
        self, station_id: str, message_id: int, answer: StationAnswer, now: datetime
    ) -> None:
        """The station's answer to a ClearDisplayMessage of `message_id`."""
        ...

    async def open_request(
        self, station_id: str, wanted: RequestFilter, now: datetime
    ) -> int | None:
        """Allocate a GetDisplayMessages requestId and record the request; None when the
        station is unknown."""
        ...

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """A GetDisplayMessages got no answer."""
        ...

    async def record_request_answer(
        self,
        station_id: str,
        request_id: int,
        wanted: RequestFilter,
        answer: StationAnswer,
        now: datetime,
    ) -> None:
        """The station's answer to a GetDisplayMessages; Unknown completes it with nothing
        reported."""
        ...

    async def receive_part(self, station_id: str, part: NotifiedPart, now: datetime) -> PartOutcome:
        """Store one NotifyDisplayMessages: its messages in the catalogue and the CSMS's
        record, the part on its request, completion on the first part with tbc false."""
        ...

    async def end_transaction(self, station_id: str, transaction_id: str, now: datetime) -> int:
        """The messages bound to a transaction that ended are gone (O02.FR.02); how many."""
        ...

    async def message(self, station_id: str, message_id: int) -> DisplayMessageView | None:
        """One message id of the station, or None."""
        ...

    async def messages(
        self,
        station_id: str,
        presences: Sequence[str] | None,
        limit: int,
        after_id: int | None = None,
    ) -> list[DisplayMessageView]:
        """The station's message ids above `after_id`, in id order, of `presences` (any when
        None)."""
        ...

    async def reported_messages(self, station_id: str) -> list[ReportedMessageView]:
        """The station's catalogue as it last reported it, in id order."""
        ...

    async def request(self, station_id: str, request_id: int) -> MessageRequestView | None:
        """One GetDisplayMessages request, or None."""
        ...

    async def requests(
        self, station_id: str, limit: int, before_id: int | None = None
    ) -> list[MessageRequestView]:
        """The station's requests, newest requestId first, below `before_id`."""
        ...

    async def fleet(self, online_only: bool) -> list[str]:
        """The ids of every station (only the connected ones when `online_only`), in order."""
        ...

    async def open_broadcast(self, opening: BroadcastOpening, now: datetime) -> int:
        """Record a fleet-wide message with its stations PENDING; its id."""
        ...

    async def record_target(
        self, broadcast_id: int, station_id: str, result: TargetResult, now: datetime
    ) -> None:
        """How the fleet-wide message went on one station."""
        ...

    async def finish_broadcast(self, broadcast_id: int, status: str, now: datetime) -> None:
        """The fleet-wide message is DONE or INTERRUPTED."""
        ...

    async def broadcast(self, broadcast_id: int) -> BroadcastView | None:
        """One fleet-wide message with its counts per outcome, or None."""
        ...

    async def broadcasts(self, limit: int, before_id: int | None = None) -> list[BroadcastView]:
        """Fleet-wide messages, newest first."""
        ...

    async def broadcast_targets(
        self, broadcast_id: int, outcome: str | None, limit: int, after_id: int | None = None
    ) -> list[BroadcastTargetView]:
        """A fleet-wide message's stations in order, of one outcome when given."""
        ...


def _message_view(row: DisplayMessage) -> DisplayMessageView:
    return record_of(DisplayMessageView, row)


def _request_view(row: DisplayMessageRequest) -> MessageRequestView:
    return record_of(MessageRequestView, row)


def _body_columns(body: MessageBody) -> dict[str, Any]:
    return asdict(body_of(body))


class SqlDisplayMessageStore:
    """DisplayMessageStore on the ORM (SQLite or PostgreSQL)."""

    async def controller_variables(self, station_id: str) -> list[ControllerVariable]:
        """The controller's variables joined to their Actual attribute."""
        rows = await DeviceAttribute.filter(
            variable__station_id=station_id,
            variable__key__startswith=CONTROLLER_KEY,
            type="Actual",
        ).values("value", "variable__variable_name", "variable__max_limit")
        return [
            ControllerVariable(
                str(row["variable__variable_name"]), row["value"], row["variable__max_limit"]
            )
            for row in rows
        ]

    async def held_messages(self, station_id: str, now: datetime) -> list[HeldMessage]:
        """One SELECT of the SET rows not past their end."""
        rows = await DisplayMessage.filter(station_id=station_id, presence=Presence.SET).values(
            "message_id", "priority", "end_date_time"
        )
        return [
            HeldMessage(message_id=row["message_id"], priority=row["priority"])
            for row in rows
            if row["end_date_time"] is None or row["end_date_time"] > now
        ]

    async def open_message(
        self, station_id: str, message_id: int | None, body: MessageBody, now: datetime
    ) -> int | None:
        """A PENDING row (allocated, or new), or the requested time on a row the station
        holds."""
        pending: dict[str, Any] = {
            **_body_columns(body),
            "presence": Presence.PENDING,
            "status": None,
            "status_reason": None,
            "outcome": None,
            "error_code": None,
            "requested_at": now,
            "updated_at": now,
        }
        if message_id is None:
            return await allocate_station_id(
                station_id,
                DisplayMessage,
                "message_id",
                pending,
                lock_station=False,
                what="a display message id",
            )
        if not await Station.exists(id=station_id):
            return None
        await DisplayMessage.bulk_create(
            [DisplayMessage(station_id=station_id, message_id=message_id, **pending)],
            ignore_conflicts=True,
        )
        rows = DisplayMessage.filter(station_id=station_id, message_id=message_id)
        await rows.filter(presence=Presence.SET).update(requested_at=now, updated_at=now)
        await rows.exclude(presence=Presence.SET).update(**pending)
        return message_id

    async def record_set_answer(
        self, station_id: str, message: MessageInfo, answer: StationAnswer, now: datetime
    ) -> None:
        """Upsert the id's row under its lock (PostgreSQL); an accepted AlwaysFront message
        replaces the station's other one (O01.FR.16)."""
        await store_sql.record_set_answer(station_id, message, answer, now)
        if answer.accepted and message.priority == ALWAYS_FRONT:
            await (
                DisplayMessage.filter(
                    station_id=station_id, presence=Presence.SET, priority=ALWAYS_FRONT
                )
                .exclude(message_id=message.message_id)
                .update(presence=Presence.REPLACED, removed_at=now, updated_at=now)
            )

    async def record_set_failure(
        self, station_id: str, message_id: int, outcome: str, error_code: str | None
    ) -> None:
        """The outcome on the row; a PENDING one is FAILED."""
        rows = DisplayMessage.filter(station_id=station_id, message_id=message_id)
        await rows.update(outcome=outcome, error_code=error_code)
        await rows.filter(presence=Presence.PENDING).update(presence=Presence.FAILED)

    async def record_clear_answer(
        self, station_id: str, message_id: int, answer: StationAnswer, now: datetime
    ) -> None:
        """The row CLEARED (Accepted) or NOT_ON_STATION (Unknown); out of the catalogue."""
        presence = Presence.CLEARED if answer.accepted else Presence.NOT_ON_STATION
        await DisplayMessage.filter(station_id=station_id, message_id=message_id).update(
            presence=presence, removed_at=now, updated_at=now
        )
        await ReportedDisplayMessage.filter(station_id=station_id, message_id=message_id).delete()

    async def open_request(
        self, station_id: str, wanted: RequestFilter, now: datetime
    ) -> int | None:
        """One more than the station's highest requestId, recorded with the filters."""
        return await allocate_station_id(
            station_id,
            DisplayMessageRequest,
            "request_id",
            wanted.columns(now),
            lock_station=False,
            what="a display message request id",
        )

    async def record_request_outcome(
        self, station_id: str, request_id: int, outcome: str, error_code: str | None
    ) -> None:
        """Outcome and error code on the request row."""
        await DisplayMessageRequest.filter(station_id=station_id, request_id=request_id).update(
            outcome=outcome, error_code=error_code
        )

    async def record_request_answer(
        self,
        station_id: str,
        request_id: int,
        wanted: RequestFilter,
        answer: StationAnswer,
        now: datetime,
    ) -> None:
        """Status on the request row (created when sent some other way); Unknown completes
        it and settles what it covers."""
        await store_sql.record_request_answer(station_id, request_id, wanted, answer, now)

    async def receive_part(self, station_id: str, part: NotifiedPart, now: datetime) -> PartOutcome:
        """Under the request row's lock (PostgreSQL): catalogue and record upserts, counts,
        completion."""
        return await store_sql.receive_part(station_id, part, now)

    async def end_transaction(self, station_id: str, transaction_id: str, now: datetime) -> int:
        """Two statements: the rows TRANSACTION_ENDED, the catalogue entries deleted."""
        ended: int = await DisplayMessage.filter(
            station_id=station_id,
            transaction_id=transaction_id,
            presence__in=(Presence.SET, Presence.PENDING),
        ).update(presence=Presence.TRANSACTION_ENDED, removed_at=now, updated_at=now)
        await ReportedDisplayMessage.filter(
            station_id=station_id, transaction_id=transaction_id
        ).delete()
        return ended

    async def message(self, station_id: str, message_id: int) -> DisplayMessageView | None:
        """One SELECT."""
        row = await DisplayMessage.get_or_none(station_id=station_id, message_id=message_id)
        return None if row is None else _message_view(row)

    async def messages(
        self,
        station_id: str,
        presences: Sequence[str] | None,
        limit: int,
        after_id: int | None = None,
    ) -> list[DisplayMessageView]:
        """One SELECT in message id order."""
        query = DisplayMessage.filter(station_id=station_id)
        if presences is not None:
            query = query.filter(presence__in=list(presences))
        if after_id is not None:
            query = query.filter(message_id__gt=after_id)
        rows = await query.order_by("message_id").limit(limit)
        return [_message_view(row) for row in rows]

    async def reported_messages(self, station_id: str) -> list[ReportedMessageView]:
        """One SELECT in message id order."""
        rows = await ReportedDisplayMessage.filter(station_id=station_id).order_by("message_id")
        return [record_of(ReportedMessageView, row) for row in rows]

    async def request(self, station_id: str, request_id: int) -> MessageRequestView | None:
        """One SELECT."""
        row = await DisplayMessageRequest.get_or_none(station_id=station_id, request_id=request_id)
        return None if row is None else _request_view(row)

    async def requests(
        self, station_id: str, limit: int, before_id: int | None = None
    ) -> list[MessageRequestView]:
        """One SELECT, newest requestId first."""
        query = DisplayMessageRequest.filter(station_id=station_id)
        if before_id is not None:
            query = query.filter(request_id__lt=before_id)
        rows = await query.order_by("-request_id").limit(limit)
        return [_request_view(row) for row in rows]

    async def fleet(self, online_only: bool) -> list[str]:
        """One SELECT of station ids."""
        return await store_sql.fleet(online_only)

    async def open_broadcast(self, opening: BroadcastOpening, now: datetime) -> int:
        """The broadcast row and its targets, in one transaction."""
        return await store_sql.open_broadcast(opening, now)

    async def record_target(
        self, broadcast_id: int, station_id: str, result: TargetResult, now: datetime
    ) -> None:
        """One UPDATE of the target row."""
        await store_sql.record_target(broadcast_id, station_id, result, now)

    async def finish_broadcast(self, broadcast_id: int, status: str, now: datetime) -> None:
        """One UPDATE of the broadcast row."""
        await store_sql.finish_broadcast(broadcast_id, status, now)

    async def broadcast(self, broadcast_id: int) -> BroadcastView | None:
        """The row and one grouped count of its targets."""
        return await store_sql.broadcast(broadcast_id)

    async def broadcasts(self, limit: int, before_id: int | None = None) -> list[BroadcastView]:
        """A page of rows, each with its grouped count."""
        return await store_sql.broadcasts(limit, before_id)

    async def broadcast_targets(
        self, broadcast_id: int, outcome: str | None, limit: int, after_id: int | None = None
    ) -> list[BroadcastTargetView]:
        """One SELECT in target id order."""
        return await store_sql.broadcast_targets(broadcast_id, outcome, limit, after_id)
