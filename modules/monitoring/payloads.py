"""The block's own response dataclass for ClearVariableMonitoring.

The `ocpp` package types ClearVariableMonitoringResponse's `clearMonitoringResult` as a list of
status enums, while the official schema (and every station) sends ClearMonitoringResultType
objects (status, id, statusInfo): the package's dataclass cannot decode a valid answer. The
route names this one instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v201 import datatypes


@dataclass
class ClearVariableMonitoring:
    """ClearVariableMonitoringResponse."""

    clear_monitoring_result: list[datatypes.ClearMonitoringResultType]
    custom_data: dict[str, object] | None = None
