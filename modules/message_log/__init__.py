"""The OCPP message log, read side."""
