"""Remote control (OCPP 2.0.1 block F): RequestStartTransaction, RequestStopTransaction,
UnlockConnector, TriggerMessage."""

from modules.remote_control.module import build_module

__all__ = ["build_module"]
