"""GraphQL of the device-model block (B): its variables, reports and reboot state, and
the getBaseReport, getReport, getVariables and setVariables mutations."""
