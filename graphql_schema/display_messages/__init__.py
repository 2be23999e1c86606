"""GraphQL of the display-message block (O): setDisplayMessage, getDisplayMessages,
clearDisplayMessage, the fleet-wide broadcastDisplayMessage, and the reads of a station's
messages, its reported catalogue, its requests and the fleet-wide messages."""
