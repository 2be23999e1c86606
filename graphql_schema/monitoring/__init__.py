"""GraphQL of the monitoring block (N): the monitoring commands, monitors, monitoring reports,
the stationAlerts feed, alert states (`alerts`) and the live `alertChanged` subscription."""
