"""The message log handles no station message: frames are logged by the gateway as they cross
the websocket, whatever their action."""
