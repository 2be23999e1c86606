"""Adapters for the kernel ports (bus, cache, database) and other infrastructure."""
