"""Result handlers of the authorization commands: what the station's answers mean (D01,
D02, C11). They run in a transaction before the asking mutation (or publisher) wakes up."""

from __future__ import annotations

from ocpp.v201 import call, call_result

from infra.db.models import StationLocalList
from modules.authorization import events
from modules.authorization.convert import enum_text
from modules.authorization.list_plan import DIFFERENTIAL
from modules.authorization.list_store import record_answer
from modules.kernel.routing import HandlerContext

ACCEPTED = "Accepted"
VERSION_MISMATCH = "VersionMismatch"


async def send_local_list_result(
    ctx: HandlerContext, request: call.SendLocalList, response: call_result.SendLocalList
) -> None:
    """Accepted: the station holds the request's version. VersionMismatch: its version is
    unknown; after a Differential the publisher follows with a Full update. Failed: the
    acknowledged version stays."""
    status = enum_text(response.status)
    accepted = status == ACCEPTED
    old, new = await record_answer(
        ctx.station_id,
        status,
        ctx.now,
        request.version_number if accepted else None,
        keep_ack=status not in (ACCEPTED, VERSION_MISMATCH),
    )
    if accepted and old != new:
        ctx.emit(
            events.LOCAL_LIST_UPDATED,
            {"versionNumber": new, "previousVersion": old, "source": "SendLocalList"},
        )
    if status == VERSION_MISMATCH and enum_text(request.update_type) == DIFFERENTIAL:
        ctx.emit(
            events.LOCAL_LIST_CHANGED,
            {"reason": VERSION_MISMATCH, "version": request.version_number},
        )


async def get_local_list_version_result(
    ctx: HandlerContext,
    request: call.GetLocalListVersion,
    response: call_result.GetLocalListVersion,
) -> None:
    """D02: store the version the station reports; a station behind its list gets it."""
    assignment = await StationLocalList.get_or_none(station_id=ctx.station_id).prefetch_related(
        "auth_list"
    )
    if assignment is None:
        return
    old = assignment.acknowledged_version
    reported = response.version_number
    if old != reported:
        assignment.acknowledged_version = reported
        await assignment.save(update_fields=["acknowledged_version", "updated_at"])
        ctx.emit(
            events.LOCAL_LIST_UPDATED,
            {"versionNumber": reported, "previousVersion": old, "source": "GetLocalListVersion"},
        )
    if reported != assignment.auth_list.version:
        ctx.emit(
            events.LOCAL_LIST_CHANGED,
            {
                "reason": "VersionReported",
                "listName": assignment.auth_list.name,
                "version": assignment.auth_list.version,
            },
        )


async def clear_cache_result(
    ctx: HandlerContext, request: call.ClearCache, response: call_result.ClearCache
) -> None:
    """C11: tell subscribers whether the station cleared its authorization cache."""
    ctx.emit(events.CACHE_CLEARED, {"status": enum_text(response.status)})
