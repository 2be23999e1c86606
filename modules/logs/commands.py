"""GetLog to stations (N01): the request checked from an operator's arguments, the workflow
(allocate a requestId and an upload token, record the request, send it with the CSMS's own
upload URL, record the outcome), and the result handler that stores the station's answer (in
the answer's transaction; events go out after the commit)."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, send
from modules.kernel.envelope import Outcome
from modules.kernel.ocpp_parts import answer_fields
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.kernel.timefmt import ocpp_datetime, parse_ocpp_datetime
from modules.logs import policy
from modules.logs.events import LogAnswered
from modules.logs.records import LogAnswer, LogRequestRecord, LogWanted
from modules.logs.store import LogStore

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

PLACEHOLDER_REQUEST_ID = 0
"""Stands in for the requestId while the request is checked, before one is allocated."""

PLACEHOLDER_LOCATION = "https://csms.invalid/logs/upload/token"
"""Stands in for the upload URL while the request is checked, before a token is drawn."""

TOKEN_BYTES = 32
"""The upload token's random bytes (256 bits)."""


@dataclass(frozen=True, slots=True)
class LogOrder:
    """A checked GetLog without its requestId and upload URL (the workflow adds both)."""

    wanted: LogWanted

    def request(self, request_id: int, location: str) -> call.GetLog:
        """The request carrying `request_id`, asking for an upload to `location`."""
        wanted = self.wanted
        oldest, latest = wanted.oldest_timestamp, wanted.latest_timestamp
        return call.GetLog(
            log=datatypes.LogParametersType(
                remote_location=location,
                oldest_timestamp=ocpp_datetime(oldest) if oldest else None,
                latest_timestamp=ocpp_datetime(latest) if latest else None,
            ),
            log_type=enums.LogEnumType(wanted.log_type),
            request_id=request_id,
            retries=wanted.retries,
            retry_interval=wanted.retry_interval,
        )


def get_log(
    log_type: str,
    oldest: datetime | None = None,
    latest: datetime | None = None,
    retries: int | None = None,
    retry_interval: int | None = None,
) -> LogOrder:
    """N01: the request for the station's `log_type` log (DiagnosticsLog or SecurityLog,
    N01.FR.03/04) of the window `oldest`..`latest`, retried `retries` times `retry_interval`
    seconds apart; InvalidCommand for an argument that does not fit, the schema's OcppError
    for a payload that does not conform."""
    policy.window(oldest, latest)
    order = LogOrder(
        LogWanted(
            log_type=log_type,
            oldest_timestamp=oldest,
            latest_timestamp=latest,
            retries=policy.counter("retries", retries),
            retry_interval=policy.counter("retryInterval", retry_interval),
        )
    )
    payload = codec.encode(order.request(PLACEHOLDER_REQUEST_ID, PLACEHOLDER_LOCATION))
    schemas.validate("GetLog", "Request", payload)
    return order


def wanted_by(request: call.GetLog) -> LogWanted:
    """What a GetLogRequest asked, with the location it named."""
    log = request.log
    oldest, latest = log.oldest_timestamp, log.latest_timestamp
    return LogWanted(
        log_type=request.log_type.value,
        oldest_timestamp=parse_ocpp_datetime(oldest) if oldest else None,
        latest_timestamp=parse_ocpp_datetime(latest) if latest else None,
        retries=request.retries,
        retry_interval=request.retry_interval,
        remote_location=log.remote_location,
    )


@dataclass(frozen=True, slots=True)
class LogOutcome:
    """How a GetLog went: no `request_id` (nothing stored or sent) for an unknown station;
    otherwise the call's result and the request as stored after it."""

    result: CommandResult[call_result.GetLog]
    request_id: int | None = None
    record: LogRequestRecord | None = None


class LogRequests:
    """N01 with requestIds and upload tokens this CSMS allocates: the request is recorded
    (with the token's digest) before it is sent, so its upload and statuses always find it."""

    def __init__(
        self, store: LogStore, sender: CommandSender, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def request(
        self, station_id: str, order: LogOrder, base: str, timeout: float | None = None
    ) -> LogOutcome:
        """Draw an upload token, allocate a requestId and record the request; send GetLog
        with `<base>/logs/upload/<token>`; record an outcome without an answer (the result
        handler records an answer)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        location = policy.upload_location(base, token)
        digest = policy.token_digest(token)
        request_id = await self._store.open_request(station_id, order.wanted, digest, self._clock())
        if request_id is None:
            return LogOutcome(CommandResult(Outcome.OFFLINE))
        request = order.request(request_id, location)
        result = await send(self._sender, station_id, request, call_result.GetLog, timeout)
        if not result.answered:
            await self._store.record_outcome(
                station_id, request_id, result.outcome.value, result.error_code
            )
        return LogOutcome(result, request_id, await self._store.request(station_id, request_id))


class LogResults(OnStore[LogStore]):
    """The GetLog result handler, on the block's store."""

    async def get_log_result(
        self, ctx: HandlerContext, request: call.GetLog, response: call_result.GetLog
    ) -> None:
        """N01.FR.01/05/12: store the station's answer (Accepted with the file's name,
        Rejected, AcceptedCanceled) on the request, which gets a row now if it was sent some
        other way (sendCall, its location kept); emit LOG_ANSWERED."""
        answer = answer_fields(response)
        filename = policy.storable_filename(response.filename)
        wanted = wanted_by(request)
        await self._store.record_answer(
            ctx.station_id,
            LogAnswer(request_id=request.request_id, wanted=wanted, filename=filename, **answer),
            ctx.now,
        )
        ctx.emit(
            LogAnswered(
                **ctx.origin,
                request_id=request.request_id,
                log_type=wanted.log_type,
                filename=filename,
                **answer,
            )
        )
