"""Monitoring (OCPP 2.0.1 block N): events and monitoring reports from stations.

Answers NotifyEvent (N07: every eventData item stored as its part arrives, ALERT emitted per
message) and NotifyMonitoringReport (N02: the reported monitors stored per requestId and
seqNo, parts as they arrive). Each message's items are written with one multi-row INSERT.
"""

from modules.monitoring.module import build_module

__all__ = ["build_module"]
