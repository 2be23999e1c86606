"""Monitoring sends no command yet: GetMonitoringReport, SetVariableMonitoring,
SetMonitoringBase/Level and ClearVariableMonitoring (N01-N06) are not implemented; the
reports and events stations send on their own are stored by the handlers."""
