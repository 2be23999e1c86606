"""GraphQL of the monitoring block (N): the stationAlerts feed and monitoringReport."""
