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

from modules.kernel.events import event
from modules.kernel.ocpp_parts import Answered


@event("REMOTE_START_ANSWERED")
class RemoteStartAnswered(Answered):
    """F01/F02: the station answered a RequestStartTransaction."""

    remote_start_id: int
    evse_id: int | None
    id_token: str
    id_token_type: str
    transaction_id: str | None = None


@event("REMOTE_STOP_ANSWERED")
class RemoteStopAnswered(Answered):
    """F03: the station answered a RequestStopTransaction."""

    transaction_id: str


@event("CONNECTOR_UNLOCK_ANSWERED")
class ConnectorUnlockAnswered(Answered):
    """F05: the station answered an UnlockConnector."""

    evse_id: int
    connector_id: int


@event("TRIGGER_ANSWERED")
class TriggerAnswered(Answered):
    """F06: the station answered a TriggerMessage (the requested message follows)."""

    requested_message: str
    evse_id: int | None
    connector_id: int | None
