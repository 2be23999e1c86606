"""The message log emits no event: logging a frame is not something that happened at the
station (the frame itself is already what the other blocks act on)."""
