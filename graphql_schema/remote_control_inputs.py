"""Payloads of the remote-control commands, built from mutation arguments and checked
against the official schemas and the block F rules before anything is stored or sent."""

from __future__ import annotations

from typing import Any

from graphql_schema.remote_control_types import MessageTriggerEnum, RemoteControlInputError
from modules.kernel import schemas
from modules.kernel.errors import OcppError
from modules.remote_control import policy

MAX_TIMEOUT_SECONDS = 300.0
PLACEHOLDER_REMOTE_START_ID = 0
"""Stands in for the remoteStartId while the payload is checked, before one is allocated."""


def check_timeout(timeout_seconds: float | None) -> None:
    """RemoteControlInputError unless the timeout is absent or within (0, MAX]."""
    if timeout_seconds is not None and not 0 < timeout_seconds <= MAX_TIMEOUT_SECONDS:
        raise RemoteControlInputError(f"timeoutSeconds: must be > 0 and <= {MAX_TIMEOUT_SECONDS}")


def _validate(action: str, payload: dict[str, Any]) -> None:
    try:
        schemas.validate(action, "Request", payload)
    except OcppError as error:
        raise RemoteControlInputError(f"{error.code}: {error.description}") from None


def _id_token(value: str, kind: str) -> dict[str, Any]:
    return {"idToken": value, "type": kind}


def request_start_payload(
    id_token: str,
    id_token_type: str,
    evse_id: int | None,
    group_id_token: tuple[str, str] | None,
    charging_profile: Any,
) -> dict[str, Any]:
    """A RequestStartTransactionRequest without its remoteStartId (the caller adds it)."""
    payload: dict[str, Any] = {"idToken": _id_token(id_token, id_token_type)}
    if evse_id is not None:
        if evse_id < 1:
            raise RemoteControlInputError("evseId must be >= 1 (omit it to let the station pick)")
        payload["evseId"] = evse_id
    if group_id_token is not None:
        payload["groupIdToken"] = _id_token(*group_id_token)
    if charging_profile is not None:
        if not isinstance(charging_profile, dict):
            raise RemoteControlInputError("chargingProfile: must be a JSON object")
        payload["chargingProfile"] = charging_profile
    _validate("RequestStartTransaction", {**payload, "remoteStartId": PLACEHOLDER_REMOTE_START_ID})
    if charging_profile is not None:
        problem = policy.charging_profile_problem(charging_profile)
        if problem is not None:
            raise RemoteControlInputError(problem)
    return payload


def request_stop_payload(transaction_id: str) -> dict[str, Any]:
    """A RequestStopTransactionRequest."""
    if not transaction_id:
        raise RemoteControlInputError("transactionId: must not be empty")
    payload = {"transactionId": transaction_id}
    _validate("RequestStopTransaction", payload)
    return payload


def unlock_connector_payload(evse_id: int, connector_id: int) -> dict[str, Any]:
    """An UnlockConnectorRequest (F05: both the EVSE and its connector are named)."""
    if evse_id < 1:
        raise RemoteControlInputError("evseId must be >= 1")
    if connector_id < 1:
        raise RemoteControlInputError("connectorId must be >= 1")
    payload = {"evseId": evse_id, "connectorId": connector_id}
    _validate("UnlockConnector", payload)
    return payload


def trigger_message_payload(
    requested_message: MessageTriggerEnum, evse_id: int | None, connector_id: int | None
) -> dict[str, Any]:
    """A TriggerMessageRequest; an EVSE (and connector) only for messages about one."""
    problem = policy.trigger_evse_problem(requested_message.value, evse_id, connector_id)
    if problem is not None:
        raise RemoteControlInputError(problem)
    payload: dict[str, Any] = {"requestedMessage": requested_message.value}
    if evse_id is not None:
        evse: dict[str, Any] = {"id": evse_id}
        if connector_id is not None:
            evse["connectorId"] = connector_id
        payload["evse"] = evse
    _validate("TriggerMessage", payload)
    return payload
