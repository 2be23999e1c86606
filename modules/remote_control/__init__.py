"""Remote control (OCPP 2.0.1 block F): RequestStartTransaction, RequestStopTransaction,
UnlockConnector, TriggerMessage.

Offers the four commands and consumes their results. A remote start (F01/F02) is recorded
with a CSMS-allocated remoteStartId before it is sent, and its answer (status, and the
transactionId of a transaction already running) when it comes; the transaction it started is
the station's transaction carrying that remoteStartId, stored by the transactions module.
Remote stop (F03), unlock (F05) and trigger (F06) store nothing: their answers are emitted as
events, and what follows arrives as station messages other modules handle.
"""

from modules.remote_control.module import build_module

__all__ = ["build_module"]
