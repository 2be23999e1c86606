"""Event types the remote-control module emits, and the payload each carries (camelCase JSON).

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

REMOTE_START_ANSWERED = "REMOTE_START_ANSWERED"
REMOTE_STOP_ANSWERED = "REMOTE_STOP_ANSWERED"
CONNECTOR_UNLOCK_ANSWERED = "CONNECTOR_UNLOCK_ANSWERED"
TRIGGER_ANSWERED = "TRIGGER_ANSWERED"
