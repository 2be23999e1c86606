"""The gateway role: station websockets, OCPP-J framing and validation, the per-station RPC
state machine, the message log."""
