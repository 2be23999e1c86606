"""Events of the remote-control block (camelCase payload keys as on the events topic), each
a station's answer: its status and statusInfo (`Answered`) and what was asked.

REMOTE_START_ANSWERED, when a station answered a RequestStartTransaction (F01/F02):
    {remoteStartId, evseId, idToken, idTokenType, status, transactionId, reasonCode,
     additionalInfo}; transactionId is set when a transaction was already running (F01).
REMOTE_STOP_ANSWERED, when a station answered a RequestStopTransaction (F03):
    {transactionId, status, reasonCode, additionalInfo}
CONNECTOR_UNLOCK_ANSWERED, when a station answered an UnlockConnector (F05):
    {evseId, connectorId, status, reasonCode, additionalInfo}
TRIGGER_ANSWERED, when a station answered a TriggerMessage (F06):
    {requestedMessage, evseId, connectorId, status, reasonCode, additionalInfo}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from modules.kernel.events import register
from modules.kernel.ocpp_parts import Answered


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class RemoteStartAnswered(Answered):
    """F01/F02: the station answered a RequestStartTransaction."""

    TYPE: ClassVar[str] = "REMOTE_START_ANSWERED"
    remote_start_id: int
    evse_id: int | None
    id_token: str
    id_token_type: str
    transaction_id: str | None = None


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class RemoteStopAnswered(Answered):
    """F03: the station answered a RequestStopTransaction."""

    TYPE: ClassVar[str] = "REMOTE_STOP_ANSWERED"
    transaction_id: str


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectorUnlockAnswered(Answered):
    """F05: the station answered an UnlockConnector."""

    TYPE: ClassVar[str] = "CONNECTOR_UNLOCK_ANSWERED"
    evse_id: int
    connector_id: int


@register
@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerAnswered(Answered):
    """F06: the station answered a TriggerMessage (the requested message follows)."""

    TYPE: ClassVar[str] = "TRIGGER_ANSWERED"
    requested_message: str
    evse_id: int | None
    connector_id: int | None
