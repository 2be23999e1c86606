"""GraphQL of raw OCPP messages: `sendCall` (any CSMS-to-station action with a JSON payload)
and `ocppMessages` (the frames the message log holds for a station)."""
