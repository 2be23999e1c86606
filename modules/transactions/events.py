"""Event types the transactions module emits, and the payload each carries (camelCase JSON).

TRANSACTION_STARTED / TRANSACTION_UPDATED / TRANSACTION_ENDED, once per stored (not repeated)
TransactionEvent, by its eventType:
    {transactionId, eventType, seqNo, triggerReason, timestamp, offline, evseId, connectorId,
     idToken, idTokenType, chargingState, active, startedAt, endedAt, stoppedReason,
     remoteStartId, energyWh}
    where the state fields (chargingState, active, ..., energyWh) are the transaction's merged
    state after this event.

METER_VALUES, once per stored MeterValues request or TransactionEvent carrying meterValue:
    {transactionId (null outside a transaction), evseId, source ("MeterValues" or
     "TransactionEvent"), samples: [{timestamp, measurand, phase, location, context, unit,
     multiplier, value, signed}]}
"""

from __future__ import annotations

TRANSACTION_STARTED = "TRANSACTION_STARTED"
TRANSACTION_UPDATED = "TRANSACTION_UPDATED"
TRANSACTION_ENDED = "TRANSACTION_ENDED"
METER_VALUES = "METER_VALUES"

TRANSACTION_EVENT_TYPES = (TRANSACTION_STARTED, TRANSACTION_UPDATED, TRANSACTION_ENDED)
