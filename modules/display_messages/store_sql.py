"""The display-message writes of more than one statement, and the fleet-wide messages'
tables; only `store.py` calls these."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict
from datetime import datetime
from typing import Any

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from infra.db.models import (
    DisplayMessage,
    DisplayMessageBroadcast,
    DisplayMessageBroadcastTarget,
    DisplayMessageRequest,
    ReportedDisplayMessage,
    Station,
)
from infra.db.writes import insert_rows
from modules.display_messages.conversions import body_of
from modules.display_messages.policy import coverage_of
from modules.display_messages.records import (
    BroadcastOpening,
    BroadcastStatus,
    BroadcastTargetView,
    BroadcastView,
    MessageInfo,
    MessageRequestView,
    NotifiedPart,
    PartOutcome,
    Presence,
    RequestFilter,
    StationAnswer,
    TargetOutcome,
    TargetResult,
)
from modules.kernel.ocpp_parts import part_digest
from modules.kernel.records import record_of

TARGET_BATCH = 1000

_PART_COLUMNS = ("request_id", "part_key", "received_at")
"""The columns of `display_message_part`: a part's request, its key's digest, its arrival."""


def _body(message: MessageInfo) -> dict[str, Any]:
    return asdict(body_of(message))


async def _locked_message(station_id: str, message_id: int) -> DisplayMessage | None:
    query = DisplayMessage.filter(station_id=station_id, message_id=message_id)
    return await query.select_for_update().first()


async def record_set_answer(
    station_id: str, message: MessageInfo, answer: StationAnswer, now: datetime
) -> None:
    """Accepted: the row holds the message, SET (O01, O06: a replace takes all the new
    fields). Another status: a message the station holds stays as it was (the station keeps
    it); any other row takes the message, REFUSED. Either way the answer is on the row."""
    row = await _locked_message(station_id, message.message_id)
    answered: dict[str, Any] = {
        "status": answer.status,
        "status_reason": answer.reason,
        "outcome": "RESULT",
        "error_code": None,
        "answered_at": now,
        "updated_at": now,
    }
    if answer.accepted:
        held = row is not None and row.presence == Presence.SET
        answered.update(_body(message), presence=Presence.SET, removed_at=None)
        answered["believed_since"] = row.believed_since if held and row else now
    elif row is None or row.presence != Presence.SET:
        answered.update(_body(message), presence=Presence.REFUSED)
    if row is None:
        await DisplayMessage.create(
            station_id=station_id, message_id=message.message_id, requested_at=now, **answered
        )
        return
    await DisplayMessage.filter(id=row.id).update(**answered)


async def _settle(station_id: str, request: MessageRequestView, now: datetime) -> None:
    """A complete answer to `request`: the ids it covers that it did not report are not on
    the station (out of the catalogue; records believed SET before the request was sent
    become NOT_ON_STATION)."""
    coverage = coverage_of(request)
    if coverage.empty or request.requested_at is None:
        return
    found: list[Any] = await ReportedDisplayMessage.filter(
        station_id=station_id, request_id=request.request_id
    ).values_list("message_id", flat=True)
    reported = [int(message_id) for message_id in found]
    catalogue = ReportedDisplayMessage.filter(station_id=station_id)
    records = DisplayMessage.filter(
        station_id=station_id, presence=Presence.SET, believed_since__lt=request.requested_at
    )
    if not coverage.every:
        catalogue = catalogue.filter(message_id__in=list(coverage.ids))
        records = records.filter(message_id__in=list(coverage.ids))
    if reported:
        catalogue = catalogue.exclude(message_id__in=reported)
        records = records.exclude(message_id__in=reported)
    await catalogue.delete()
    await records.update(presence=Presence.NOT_ON_STATION, removed_at=now, updated_at=now)


async def _locked_request(station_id: str, request_id: int) -> DisplayMessageRequest:
    """The request row, created (not the CSMS's: no filters) when unknown, locked until the
    transaction ends (PostgreSQL; SQLite serialises transactions anyway)."""
    query = DisplayMessageRequest.filter(station_id=station_id, request_id=request_id)
    row = await query.select_for_update().first()
    if row is None:
        await DisplayMessageRequest.bulk_create(
            [DisplayMessageRequest(station_id=station_id, request_id=request_id)],
            ignore_conflicts=True,
        )
        row = await query.select_for_update().get()
    return row


async def record_request_answer(
    station_id: str, request_id: int, wanted: RequestFilter, answer: StationAnswer, now: datetime
) -> None:
    """The answer on the request row (created with its filters when it was sent some other
    way); Unknown (O03.FR.06, O04.FR.02): nothing follows, so it is complete and settles."""
    await DisplayMessageRequest.bulk_create(
        [
            DisplayMessageRequest(
                station_id=station_id, request_id=request_id, **wanted.columns(now)
            )
        ],
        ignore_conflicts=True,
    )
    row = await _locked_request(station_id, request_id)
    row.outcome, row.status, row.status_reason = "RESULT", answer.status, answer.reason
    settles = answer.status == "Unknown" and row.completed_at is None
    if settles:
        row.completed_at = now
    await row.save(update_fields=["outcome", "status", "status_reason", "completed_at"])
    if settles:
        await _settle(station_id, record_of(MessageRequestView, row), now)


async def _store_reported(station_id: str, part: NotifiedPart, now: datetime) -> None:
    """The part's messages into the catalogue (replacing what was reported before for each id)
    and into the CSMS's record (SET, as the station reports them)."""
    if not part.messages:
        return
    await ReportedDisplayMessage.bulk_create(
        [
            ReportedDisplayMessage(
                station_id=station_id,
                message_id=message.message_id,
                request_id=part.request_id,
                reported_at=now,
                **_body(message),
            )
            for message in part.messages
        ],
        on_conflict=["station_id", "message_id"],
        update_fields=["request_id", "reported_at", *_body(part.messages[0])],
    )
    for message in part.messages:
        row = await _locked_message(station_id, message.message_id)
        confirmed: dict[str, Any] = {
            **_body(message),
            "presence": Presence.SET,
            "confirmed_at": now,
            "removed_at": None,
            "updated_at": now,
        }
        if row is None:
            await DisplayMessage.create(
                station_id=station_id,
                message_id=message.message_id,
                believed_since=now,
                **confirmed,
            )
        else:
            held = row.presence == Presence.SET
            confirmed["believed_since"] = row.believed_since if held else now
            await DisplayMessage.filter(id=row.id).update(**confirmed)


async def receive_part(station_id: str, part: NotifiedPart, now: datetime) -> PartOutcome:
    """One NotifyDisplayMessages under its request row's lock: its key inserted (`ON CONFLICT
    DO NOTHING`: a resend changes nothing more), the messages stored, the part counted, the
    request complete (and settled) on its first part with tbc false."""
    row = await _locked_request(station_id, part.request_id)
    key = [row.id, part_digest(part.key), now]
    if not await insert_rows("display_message_part", _PART_COLUMNS, [key], skip_duplicates=True):
        return PartOutcome(False, record_of(MessageRequestView, row))
    await _store_reported(station_id, part, now)
    row.parts += 1
    row.last_part_at = now
    row.messages = await ReportedDisplayMessage.filter(
        station_id=station_id, request_id=part.request_id
    ).count()
    completed = not part.tbc and row.completed_at is None
    if completed:
        row.completed_at = now
    await row.save(update_fields=["parts", "last_part_at", "messages", "completed_at"])
    view = record_of(MessageRequestView, row)
    if completed:
        await _settle(station_id, view, now)
    return PartOutcome(completed, view)


async def fleet(online_only: bool) -> list[str]:
    """Every station id (the connected ones when `online_only`), in order."""
    query = Station.filter(online=True) if online_only else Station.all()
    ids: list[Any] = await query.order_by("id").values_list("id", flat=True)
    return [str(station_id) for station_id in ids]


async def open_broadcast(opening: BroadcastOpening, now: datetime) -> int:
    """The broadcast row and one PENDING target per station, in one transaction."""
    async with in_transaction():
        row = await DisplayMessageBroadcast.create(
            message=opening.message,
            message_id=opening.message_id,
            audience=opening.audience,
            concurrency=opening.concurrency,
            status=BroadcastStatus.RUNNING,
            total=len(opening.station_ids),
            created_at=now,
        )
        await DisplayMessageBroadcastTarget.bulk_create(
            [
                DisplayMessageBroadcastTarget(
                    broadcast_id=row.id, station_id=station_id, outcome=TargetOutcome.PENDING
                )
                for station_id in opening.station_ids
            ],
            batch_size=TARGET_BATCH,
        )
    return int(row.id)


async def record_target(
    broadcast_id: int, station_id: str, result: TargetResult, now: datetime
) -> None:
    """How the message went on one station."""
    await DisplayMessageBroadcastTarget.filter(
        broadcast_id=broadcast_id, station_id=station_id
    ).update(**asdict(result), finished_at=now)


async def finish_broadcast(broadcast_id: int, status: str, now: datetime) -> None:
    """The broadcast's final status and time."""
    await DisplayMessageBroadcast.filter(id=broadcast_id).update(status=status, finished_at=now)


async def _counts(broadcast_ids: Collection[int]) -> dict[int, dict[str, int]]:
    """Targets per outcome of each broadcast, in one grouped query."""
    counted: dict[int, dict[str, int]] = {broadcast_id: {} for broadcast_id in broadcast_ids}
    if not counted:
        return counted
    rows = (
        await DisplayMessageBroadcastTarget.filter(broadcast_id__in=list(counted))
        .annotate(count=Count("id"))
        .group_by("broadcast_id", "outcome")
        .values("broadcast_id", "outcome", "count")
    )
    for row in rows:
        counted[int(row["broadcast_id"])][str(row["outcome"])] = int(row["count"])
    return counted


def _broadcast_view(row: DisplayMessageBroadcast, counts: dict[str, int]) -> BroadcastView:
    return record_of(BroadcastView, row, counts=counts)


async def broadcast(broadcast_id: int) -> BroadcastView | None:
    """The broadcast with its counts per outcome, or None."""
    row = await DisplayMessageBroadcast.get_or_none(id=broadcast_id)
    if row is None:
        return None
    return _broadcast_view(row, (await _counts([broadcast_id]))[broadcast_id])


async def broadcasts(limit: int, before_id: int | None) -> list[BroadcastView]:
    """A page of broadcasts, newest first, with their counts."""
    query = DisplayMessageBroadcast.all()
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    rows = await query.order_by("-id").limit(limit)
    counts = await _counts([int(row.id) for row in rows])
    return [_broadcast_view(row, counts[int(row.id)]) for row in rows]


async def broadcast_targets(
    broadcast_id: int, outcome: str | None, limit: int, after_id: int | None
) -> list[BroadcastTargetView]:
    """A page of a broadcast's targets in id order."""
    query = DisplayMessageBroadcastTarget.filter(broadcast_id=broadcast_id)
    if outcome is not None:
        query = query.filter(outcome=outcome)
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    rows = await query.order_by("id").limit(limit)
    return [record_of(BroadcastTargetView, row) for row in rows]
