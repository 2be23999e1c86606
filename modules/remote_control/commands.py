"""Remote-control commands (block F): the typed requests built from an operator's arguments,
the remote-start workflow, and the result handlers that store and report the answers (each
runs in the answer's transaction; events go out after it)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result, enums

from modules.kernel import codec, schemas
from modules.kernel.commands import CommandResult, typed
from modules.kernel.ocpp_parts import answer_fields, evse_ids, evse_of
from modules.kernel.ports import CommandSender
from modules.kernel.routing import HandlerContext
from modules.kernel.services import OnStore
from modules.remote_control import policy
from modules.remote_control.events import (
    ConnectorUnlockAnswered,
    RemoteStartAnswered,
    RemoteStopAnswered,
    TriggerAnswered,
)
from modules.remote_control.ports import StartProfiles
from modules.remote_control.records import RemoteStartView
from modules.remote_control.store import (
    RemoteControlStore,
    RemoteStartAnswer,
    RemoteStartRequest,
)

_utc_now: Callable[[], datetime] = functools.partial(datetime.now, UTC)

PLACEHOLDER_REMOTE_START_ID = 0
"""Stands in for the remoteStartId while the request is checked, before one is allocated."""


@dataclass(frozen=True, slots=True)
class RemoteStartOrder:
    """A checked RequestStartTransaction without its remoteStartId (the workflow allocates
    it). `charging_profile` is the operator's JSON profile, sent as given (the typed request
    has no place for the customData a profile's parts may carry)."""

    request: call.RequestStartTransaction
    charging_profile: Mapping[str, Any] | None = None

    @property
    def wanted(self) -> RemoteStartRequest:
        """Who starts and on which EVSE, as the remote start records it."""
        return wanted_by(self.request)

    def payload(self, remote_start_id: int) -> dict[str, Any]:
        """The request's payload carrying `remote_start_id`."""
        payload = codec.encode(replace(self.request, remote_start_id=remote_start_id))
        if self.charging_profile is not None:
            payload["chargingProfile"] = dict(self.charging_profile)
        return payload


def wanted_by(request: call.RequestStartTransaction) -> RemoteStartRequest:
    """Who a RequestStartTransaction starts for and on which EVSE."""
    token = request.id_token
    return RemoteStartRequest(token.id_token, token.type.value, request.evse_id)


def _id_token(value: str, kind: str) -> dict[str, Any]:
    return {"idToken": value, "type": kind}


def request_start_transaction(
    id_token: str,
    id_token_type: str,
    evse_id: int | None = None,
    group_id_token: tuple[str, str] | None = None,
    charging_profile: object = None,
) -> RemoteStartOrder:
    """F01/F02: the request for `id_token` on `evse_id` (None: the station picks), checked
    against the schema and block F's rules before anything is stored or sent.

    Raises InvalidCommand for an argument block F refuses, the schema's OcppError for a
    payload that does not conform (e.g. a chargingProfile missing its schedule).
    """
    payload: dict[str, Any] = {"idToken": _id_token(id_token, id_token_type)}
    if evse_id is not None:
        problem = policy.start_evse_problem(evse_id)
        if problem is not None:
            raise problem
        payload["evseId"] = evse_id
    if group_id_token is not None:
        payload["groupIdToken"] = _id_token(*group_id_token)
    profile: dict[str, Any] | None = None
    if charging_profile is not None:
        if not isinstance(charging_profile, dict):
            raise policy.refusal("chargingProfile", "must be a JSON object")
        profile = charging_profile
        payload["chargingProfile"] = profile
    payload["remoteStartId"] = PLACEHOLDER_REMOTE_START_ID
    schemas.validate("RequestStartTransaction", "Request", payload)
    if profile is not None:
        problem = policy.charging_profile_problem(profile)
        if problem is not None:
            raise problem
    return RemoteStartOrder(codec.decode(call.RequestStartTransaction, payload), profile)


def request_stop_transaction(transaction_id: str) -> call.RequestStopTransaction:
    """F03: the request to stop `transaction_id`; InvalidCommand when it is empty."""
    problem = policy.stop_problem(transaction_id)
    if problem is not None:
        raise problem
    return call.RequestStopTransaction(transaction_id=transaction_id)


def unlock_connector(evse_id: int, connector_id: int) -> call.UnlockConnector:
    """F05: the request to unlock a connector of an EVSE; InvalidCommand for ids below 1."""
    problem = policy.unlock_problem(evse_id, connector_id)
    if problem is not None:
        raise problem
    return call.UnlockConnector(evse_id=evse_id, connector_id=connector_id)


def trigger_message(
    requested_message: enums.MessageTriggerEnumType,
    evse_id: int | None = None,
    connector_id: int | None = None,
) -> call.TriggerMessage:
    """F06: the request for `requested_message`; an EVSE (and connector) only for messages
    about one, else InvalidCommand."""
    problem = policy.trigger_evse_problem(requested_message.value, evse_id, connector_id)
    if problem is not None:
        raise problem
    return call.TriggerMessage(
        requested_message=requested_message, evse=evse_of(evse_id, connector_id)
    )


@dataclass(frozen=True, slots=True)
class RemoteStartOutcome:
    """How a remote start went: no `remote_start_id` (and nothing sent) when the station is
    unknown; otherwise the call's result and the remote start as stored after it."""

    remote_start_id: int | None
    result: CommandResult[call_result.RequestStartTransaction] | None = None
    remote_start: RemoteStartView | None = None


class RemoteStarts:
    """F01/F02: allocate a remoteStartId, record the remote start BEFORE sending (so a
    TransactionEvent carrying the id never arrives first), send, and read back what the
    result handler recorded."""

    def __init__(
        self,
        store: RemoteControlStore,
        sender: CommandSender,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock

    async def start(
        self, station_id: str, order: RemoteStartOrder, timeout: float | None = None
    ) -> RemoteStartOutcome:
        """Run the remote start on `station_id`."""
        remote_start_id = await self._store.open_remote_start(
            station_id, order.wanted, self._clock()
        )
        if remote_start_id is None:
            return RemoteStartOutcome(None)
        outcome = await self._sender.send(
            station_id, "RequestStartTransaction", order.payload(remote_start_id), timeout
        )
        result = typed(outcome, call_result.RequestStartTransaction)
        stored = await self._store.remote_start(station_id, remote_start_id)
        return RemoteStartOutcome(remote_start_id, result, stored)


class RemoteStartTokens(OnStore[RemoteControlStore]):
    """Whether the CSMS itself asked a station for a transaction with a token (a token the
    registry does not know is then accepted, F01/F02)."""

    async def was_requested(
        self, station_id: str, remote_start_id: int, id_token: str, id_token_type: str
    ) -> bool:
        """True when remote start `remote_start_id` of the station was for that token."""
        return await self._store.was_requested(station_id, remote_start_id, id_token, id_token_type)


class RemoteStartResults(OnStore[RemoteControlStore]):
    """The RequestStartTransaction result handler, on the block's store and where an accepted
    start's charging profile is recorded (none: not recorded)."""

    def __init__(self, store: RemoteControlStore, profiles: StartProfiles | None = None) -> None:
        super().__init__(store)
        self._profiles = profiles

    async def request_start_transaction_result(
        self,
        ctx: HandlerContext,
        request: call.RequestStartTransaction,
        response: call_result.RequestStartTransaction,
    ) -> None:
        """F01/F02: store the station's answer on the remote start, emit
        REMOTE_START_ANSWERED. An accepted start's chargingProfile is recorded as the
        transaction's TxProfile (K05.FR.01-03) through the `StartProfiles` port.

        A transactionId in the answer names a transaction the station had already started
        (cable plugged in first, F01); the transaction itself is written by the transactions
        block from the station's TransactionEvents.
        """
        wanted = wanted_by(request)
        answer = answer_fields(response)
        await self._store.record_answer(
            ctx.station_id,
            RemoteStartAnswer(
                request.remote_start_id, wanted, answer["status"], response.transaction_id
            ),
            ctx.now,
        )
        accepted = answer["status"] == enums.RequestStartStopStatusEnumType.accepted.value
        if accepted and request.charging_profile is not None and self._profiles is not None:
            await self._profiles.record(
                ctx.station_id,
                request.remote_start_id,
                request.evse_id,
                request.charging_profile,
                response.transaction_id,
                ctx.now,
            )
        ctx.emit(
            RemoteStartAnswered(
                **ctx.origin,
                remote_start_id=request.remote_start_id,
                evse_id=request.evse_id,
                id_token=wanted.id_token,
                id_token_type=wanted.id_token_type,
                transaction_id=response.transaction_id,
                **answer,
            )
        )


async def request_stop_transaction_result(
    ctx: HandlerContext,
    request: call.RequestStopTransaction,
    response: call_result.RequestStopTransaction,
) -> None:
    """F03: emit REMOTE_STOP_ANSWERED; the transaction ends when the station reports it."""
    ctx.emit(
        RemoteStopAnswered(
            **ctx.origin,
            transaction_id=request.transaction_id,
            **answer_fields(response),
        )
    )


async def unlock_connector_result(
    ctx: HandlerContext, request: call.UnlockConnector, response: call_result.UnlockConnector
) -> None:
    """F05: emit CONNECTOR_UNLOCK_ANSWERED with what was asked and the station's status."""
    ctx.emit(
        ConnectorUnlockAnswered(
            **ctx.origin,
            evse_id=request.evse_id,
            connector_id=request.connector_id,
            **answer_fields(response),
        )
    )


async def trigger_message_result(
    ctx: HandlerContext, request: call.TriggerMessage, response: call_result.TriggerMessage
) -> None:
    """F06: emit TRIGGER_ANSWERED; the requested message itself follows as a station CALL."""
    evse_id, connector_id = evse_ids(request.evse)
    ctx.emit(
        TriggerAnswered(
            **ctx.origin,
            requested_message=request.requested_message.value,
            evse_id=evse_id,
            connector_id=connector_id,
            **answer_fields(response),
        )
    )
