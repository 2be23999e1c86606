"""Remote control (OCPP 2.0.1 block F): RequestStartTransaction, RequestStopTransaction,
UnlockConnector, TriggerMessage.

Offers the four commands and consumes their results. A remote start (F01/F02) is recorded
with a CSMS-allocated remoteStartId before it is sent, and its answer (status, and the
transactionId of a transaction already running) when it comes; the transaction it started is
the station's transaction carrying that remoteStartId, stored by the transactions block.
Remote stop (F03), unlock (F05) and trigger (F06) store nothing: their answers are emitted as
events, and what follows arrives as station messages other blocks handle.
"""

from modules.remote_control.commands import (
    RemoteStartOrder,
    RemoteStartOutcome,
    RemoteStarts,
    RemoteStartTokens,
    request_start_transaction,
    request_stop_transaction,
    trigger_message,
    unlock_connector,
)
from modules.remote_control.events import (
    ConnectorUnlockAnswered,
    RemoteStartAnswered,
    RemoteStopAnswered,
    TriggerAnswered,
)
from modules.remote_control.module import build_module
from modules.remote_control.ports import StartProfiles
from modules.remote_control.queries import RemoteControlQueries
from modules.remote_control.records import RemoteStartView, StartedTransaction
from modules.remote_control.store import RemoteControlStore, SqlRemoteControlStore

__all__ = [
    "ConnectorUnlockAnswered",
    "RemoteControlQueries",
    "RemoteControlStore",
    "RemoteStartAnswered",
    "RemoteStartOrder",
    "RemoteStartOutcome",
    "RemoteStartTokens",
    "RemoteStartView",
    "RemoteStarts",
    "RemoteStopAnswered",
    "SqlRemoteControlStore",
    "StartProfiles",
    "StartedTransaction",
    "TriggerAnswered",
    "build_module",
    "request_start_transaction",
    "request_stop_transaction",
    "trigger_message",
    "unlock_connector",
]
