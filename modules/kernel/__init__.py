"""Shared kernel: envelope, ports, OCPP-J framing and errors, action table, codec, dispatch."""
