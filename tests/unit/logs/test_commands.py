"""The getLog workflow and result handler on the memory store (N01): the request checked and
schema-valid, its requestId and one-time upload URL allocated and recorded (the token's digest
only) before sending, the outcome recorded, the answer stored."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import call, call_result, datatypes, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import CallOutcome
from modules.kernel.envelope import Outcome
from modules.kernel.routing import HandlerContext
from modules.logs import LogAnswered, LogRequests, LogWanted, get_log
from modules.logs.commands import LogResults
from modules.logs.memory_store import MemoryLogStore
from modules.logs.policy import token_digest
from tests.support.clock import NOW, STATION
from tests.unit.senders import RecordingSender

BASE = "https://csms.example"


class Answering(RecordingSender):
    """Answers every CALL with one outcome."""

    def __init__(self, outcome: CallOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    async def answer(self, station_id: str, action: str, payload: dict[str, Any]) -> CallOutcome:
        """The scripted outcome."""
        return self.outcome


def _workflow(outcome: CallOutcome) -> tuple[LogRequests, MemoryLogStore, Answering]:
    store = MemoryLogStore([STATION])
    sender = Answering(outcome)
    return LogRequests(store, sender, lambda: NOW), store, sender


async def test_get_log_carries_a_one_time_upload_url_of_the_csms_n01() -> None:
    """N01.FR.01/02/04: logType, window, retries; remoteLocation is the CSMS's upload URL,
    whose token the store keeps only as a digest."""
    workflow, store, sender = _workflow(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    order = get_log("DiagnosticsLog", NOW, NOW, retries=3, retry_interval=60)

    first = await workflow.request(STATION, order, BASE)
    await workflow.request(STATION, order, BASE)

    (_, action, payload), (_, _, again) = sender.sent
    schemas.validate("GetLog", "Request", payload)
    assert action == "GetLog"
    assert (payload["requestId"], again["requestId"]) == (1, 2)
    assert (payload["logType"], payload["retries"], payload["retryInterval"]) == (
        "DiagnosticsLog",
        3,
        60,
    )
    assert payload["log"]["oldestTimestamp"] == payload["log"]["latestTimestamp"]
    location = payload["log"]["remoteLocation"]
    assert location.startswith(f"{BASE}/logs/upload/")
    token = location.rsplit("/", 1)[1]
    other = again["log"]["remoteLocation"].rsplit("/", 1)[1]
    assert len(token) >= 43 and token != other
    assert set(store.tokens) == {token_digest(token), token_digest(other)}
    assert (first.request_id, first.record is not None) == (1, True)
    assert first.record is not None and first.record.served


async def test_an_unknown_station_gets_nothing_sent() -> None:
    workflow, store, sender = _workflow(CallOutcome(Outcome.RESULT, {"status": "Accepted"}))
    done = await workflow.request("CS-NONE", get_log("SecurityLog"), BASE)
    assert (done.result.outcome, done.request_id, sender.sent, store.records) == (
        Outcome.OFFLINE,
        None,
        [],
        {},
    )


async def test_an_unanswered_get_log_is_recorded() -> None:
    workflow, _, _ = _workflow(CallOutcome(Outcome.TIMEOUT))
    done = await workflow.request(STATION, get_log("SecurityLog"), BASE)
    assert done.record is not None
    assert (done.record.outcome, done.record.status) == ("TIMEOUT", None)


def _get_log(request_id: int, location: str = "ftp://logs.example/up") -> call.GetLog:
    return call.GetLog(
        log=datatypes.LogParametersType(remote_location=location),
        log_type=enums.LogEnumType.security_log,
        request_id=request_id,
    )


async def test_the_answer_is_stored_and_announced_n01_fr_01() -> None:
    """N01.FR.01: Accepted with the file's name; a GetLog sent by sendCall gets a row."""
    store = MemoryLogStore([STATION])
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    response = codec.decode(
        call_result.GetLog,
        {"status": "Accepted", "filename": "sec.log", "statusInfo": {"reasonCode": "OK"}},
    )

    await LogResults(store).get_log_result(ctx, _get_log(9), response)

    record = await store.request(STATION, 9)
    assert record is not None
    assert (record.status, record.filename, record.reason_code, record.served) == (
        "Accepted",
        "sec.log",
        "OK",
        False,
    )
    assert record.wanted == LogWanted(
        log_type="SecurityLog", remote_location="ftp://logs.example/up"
    )
    (event,) = ctx.events
    assert isinstance(event, LogAnswered)
    assert (event.request_id, event.status, event.filename, event.log_type) == (
        9,
        "Accepted",
        "sec.log",
        "SecurityLog",
    )


async def test_a_rejection_is_stored_n01_fr_05() -> None:
    workflow, store, _ = _workflow(CallOutcome(Outcome.RESULT, {"status": "Rejected"}))
    done = await workflow.request(STATION, get_log("SecurityLog"), BASE)
    ctx = HandlerContext(station_id=STATION, message_id="m", now=NOW)
    response = codec.decode(call_result.GetLog, {"status": "Rejected"})
    await LogResults(store).get_log_result(ctx, _get_log(1), response)
    record = await store.request(STATION, 1)
    assert done.request_id == 1 and record is not None
    assert (record.status, record.served) == ("Rejected", True)
