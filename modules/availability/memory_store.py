"""Availability has no store, so no in-memory twin either: see `store.py`."""
